-- Compatibility view: the old Map columns rebuilt from the flat columns (non-zero
-- entries only) next to the original dimension columns, so queries written for the
-- source run unchanged at minute grain. A key found in several maps appears in the
-- first of them only, so sums over all maps stay exact.
CREATE OR REPLACE VIEW `default`.`eco_cross_page_preagg_pt1m_compat` AS
SELECT
    `timestampMs`,
    `clientId`,
    `sessionId`,
    `customerId`,
    `platform`,
    `countryIso`,
    `deviceName`,
    `browserName`,
    `osName`,
    `connectionType`,
    `deviceType`,
    `deviceManufacturer`,
    `deviceModel`,
    `osVersion`,
    `browserVersion`,
    `appName`,
    `appVersion`,
    `sdkVersion`,
    `isp`,
    `cityName`,
    `regionName`,
    `postalCode`,
    `pageType`,
    `pageName`,
    `referrerDomain`,
    `cdnName`,
    `playerName`,
    `contentType`,
    `language`,
    `timezoneName`,
    `userAgentFamily`,
    `networkType`,
    `carrier`,
    `screenResolution`,
    `ipVersion`,
    `cdnPop`,
    `streamProtocol`,
    `drmType`,
    `adSdk`,
    `consentState`,
    `subscriptionTier`,
    `marketingChannel`,
    `campaignId`,
    `abTestVariant`,
    `asn`,
    `isBot`,
    `experimentBucket`,
    `screenWidth`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '29_1_attempts',
                '29_1_failures',
                '29_1_successes',
                '29_2_attempts',
                '29_2_failures',
                '29_2_successes',
                '62_1_attempts',
                '62_1_failures',
                '62_1_successes',
                '62_2_attempts',
                '62_2_failures',
                '62_2_successes',
                '63_1_attempts',
                '63_1_failures',
                '63_1_successes',
                '63_2_attempts',
                '63_2_failures',
                '63_2_successes',
                'error_count',
                'page_views',
                'sessions_started'
            ],
            [
                CAST(`int1`, 'Int64'),
                CAST(`int2`, 'Int64'),
                CAST(`int3`, 'Int64'),
                CAST(`int4`, 'Int64'),
                CAST(`int5`, 'Int64'),
                CAST(`int6`, 'Int64'),
                CAST(`int85`, 'Int64'),
                CAST(`int86`, 'Int64'),
                CAST(`int87`, 'Int64'),
                CAST(`int88`, 'Int64'),
                CAST(`int89`, 'Int64'),
                CAST(`int90`, 'Int64'),
                CAST(`int91`, 'Int64'),
                CAST(`int92`, 'Int64'),
                CAST(`int93`, 'Int64'),
                CAST(`int94`, 'Int64'),
                CAST(`int95`, 'Int64'),
                CAST(`int96`, 'Int64'),
                CAST(`int253`, 'Int64'),
                CAST(`int278`, 'Int64'),
                CAST(`int280`, 'Int64')
            ]
        )
    ) AS `metricIntGroup1`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '30_1_attempts',
                '30_1_failures',
                '30_1_successes',
                '30_2_attempts',
                '30_2_failures',
                '30_2_successes',
                '64_1_attempts',
                '64_1_failures',
                '64_1_successes',
                '64_2_attempts',
                '64_2_failures',
                '64_2_successes',
                '65_1_attempts',
                '65_1_failures',
                '65_1_successes',
                '65_2_attempts',
                '65_2_failures',
                '65_2_successes'
            ],
            [
                CAST(`int7`, 'Int64'),
                CAST(`int8`, 'Int64'),
                CAST(`int9`, 'Int64'),
                CAST(`int10`, 'Int64'),
                CAST(`int11`, 'Int64'),
                CAST(`int12`, 'Int64'),
                CAST(`int97`, 'Int64'),
                CAST(`int98`, 'Int64'),
                CAST(`int99`, 'Int64'),
                CAST(`int100`, 'Int64'),
                CAST(`int101`, 'Int64'),
                CAST(`int102`, 'Int64'),
                CAST(`int103`, 'Int64'),
                CAST(`int104`, 'Int64'),
                CAST(`int105`, 'Int64'),
                CAST(`int106`, 'Int64'),
                CAST(`int107`, 'Int64'),
                CAST(`int108`, 'Int64')
            ]
        )
    ) AS `metricIntGroup2`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '31_1_attempts',
                '31_1_failures',
                '31_1_successes',
                '31_2_attempts',
                '31_2_failures',
                '31_2_successes',
                '66_1_attempts',
                '66_1_failures',
                '66_1_successes',
                '66_2_attempts',
                '66_2_failures',
                '66_2_successes',
                '67_1_attempts',
                '67_1_failures',
                '67_1_successes',
                '67_2_attempts',
                '67_2_failures',
                '67_2_successes'
            ],
            [
                CAST(`int13`, 'Int64'),
                CAST(`int14`, 'Int64'),
                CAST(`int15`, 'Int64'),
                CAST(`int16`, 'Int64'),
                CAST(`int17`, 'Int64'),
                CAST(`int18`, 'Int64'),
                CAST(`int109`, 'Int64'),
                CAST(`int110`, 'Int64'),
                CAST(`int111`, 'Int64'),
                CAST(`int112`, 'Int64'),
                CAST(`int113`, 'Int64'),
                CAST(`int114`, 'Int64'),
                CAST(`int115`, 'Int64'),
                CAST(`int116`, 'Int64'),
                CAST(`int117`, 'Int64'),
                CAST(`int118`, 'Int64'),
                CAST(`int119`, 'Int64'),
                CAST(`int120`, 'Int64')
            ]
        )
    ) AS `metricIntGroup3`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '32_1_attempts',
                '32_1_failures',
                '32_1_successes',
                '32_2_attempts',
                '32_2_failures',
                '32_2_successes',
                '68_1_attempts',
                '68_1_failures',
                '68_1_successes',
                '68_2_attempts',
                '68_2_failures',
                '68_2_successes',
                '69_1_attempts',
                '69_1_failures',
                '69_1_successes',
                '69_2_attempts',
                '69_2_failures',
                '69_2_successes',
                'retry_count'
            ],
            [
                CAST(`int19`, 'Int64'),
                CAST(`int20`, 'Int64'),
                CAST(`int21`, 'Int64'),
                CAST(`int22`, 'Int64'),
                CAST(`int23`, 'Int64'),
                CAST(`int24`, 'Int64'),
                CAST(`int121`, 'Int64'),
                CAST(`int122`, 'Int64'),
                CAST(`int123`, 'Int64'),
                CAST(`int124`, 'Int64'),
                CAST(`int125`, 'Int64'),
                CAST(`int126`, 'Int64'),
                CAST(`int127`, 'Int64'),
                CAST(`int128`, 'Int64'),
                CAST(`int129`, 'Int64'),
                CAST(`int130`, 'Int64'),
                CAST(`int131`, 'Int64'),
                CAST(`int132`, 'Int64'),
                CAST(`int279`, 'Int64')
            ]
        )
    ) AS `metricIntGroup4`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '33_1_attempts',
                '33_1_failures',
                '33_1_successes',
                '33_2_attempts',
                '33_2_failures',
                '33_2_successes',
                '70_1_attempts',
                '70_1_failures',
                '70_1_successes',
                '70_2_attempts',
                '70_2_failures',
                '70_2_successes',
                '71_1_attempts',
                '71_1_failures',
                '71_1_successes',
                '71_2_attempts',
                '71_2_failures',
                '71_2_successes'
            ],
            [
                CAST(`int25`, 'Int64'),
                CAST(`int26`, 'Int64'),
                CAST(`int27`, 'Int64'),
                CAST(`int28`, 'Int64'),
                CAST(`int29`, 'Int64'),
                CAST(`int30`, 'Int64'),
                CAST(`int133`, 'Int64'),
                CAST(`int134`, 'Int64'),
                CAST(`int135`, 'Int64'),
                CAST(`int136`, 'Int64'),
                CAST(`int137`, 'Int64'),
                CAST(`int138`, 'Int64'),
                CAST(`int139`, 'Int64'),
                CAST(`int140`, 'Int64'),
                CAST(`int141`, 'Int64'),
                CAST(`int142`, 'Int64'),
                CAST(`int143`, 'Int64'),
                CAST(`int144`, 'Int64')
            ]
        )
    ) AS `metricIntGroup5`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '35_1_attempts',
                '35_1_failures',
                '35_1_successes',
                '35_2_attempts',
                '35_2_failures',
                '35_2_successes',
                '72_1_attempts',
                '72_1_failures',
                '72_1_successes',
                '72_2_attempts',
                '72_2_failures',
                '72_2_successes',
                '73_1_attempts',
                '73_1_failures',
                '73_1_successes',
                '73_2_attempts',
                '73_2_failures',
                '73_2_successes'
            ],
            [
                CAST(`int31`, 'Int64'),
                CAST(`int32`, 'Int64'),
                CAST(`int33`, 'Int64'),
                CAST(`int34`, 'Int64'),
                CAST(`int35`, 'Int64'),
                CAST(`int36`, 'Int64'),
                CAST(`int145`, 'Int64'),
                CAST(`int146`, 'Int64'),
                CAST(`int147`, 'Int64'),
                CAST(`int148`, 'Int64'),
                CAST(`int149`, 'Int64'),
                CAST(`int150`, 'Int64'),
                CAST(`int151`, 'Int64'),
                CAST(`int152`, 'Int64'),
                CAST(`int153`, 'Int64'),
                CAST(`int154`, 'Int64'),
                CAST(`int155`, 'Int64'),
                CAST(`int156`, 'Int64')
            ]
        )
    ) AS `metricIntGroup6`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '36_1_attempts',
                '36_1_failures',
                '36_1_successes',
                '36_2_attempts',
                '36_2_failures',
                '36_2_successes',
                '74_1_attempts',
                '74_1_failures',
                '74_1_successes',
                '74_2_attempts',
                '74_2_failures',
                '74_2_successes',
                '75_1_attempts',
                '75_1_failures',
                '75_1_successes',
                '75_2_attempts',
                '75_2_failures',
                '75_2_successes'
            ],
            [
                CAST(`int37`, 'Int64'),
                CAST(`int38`, 'Int64'),
                CAST(`int39`, 'Int64'),
                CAST(`int40`, 'Int64'),
                CAST(`int41`, 'Int64'),
                CAST(`int42`, 'Int64'),
                CAST(`int157`, 'Int64'),
                CAST(`int158`, 'Int64'),
                CAST(`int159`, 'Int64'),
                CAST(`int160`, 'Int64'),
                CAST(`int161`, 'Int64'),
                CAST(`int162`, 'Int64'),
                CAST(`int163`, 'Int64'),
                CAST(`int164`, 'Int64'),
                CAST(`int165`, 'Int64'),
                CAST(`int166`, 'Int64'),
                CAST(`int167`, 'Int64'),
                CAST(`int168`, 'Int64')
            ]
        )
    ) AS `metricIntGroup7`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'minute_of_connect_time_morethan_1000',
                'minute_of_connect_time_morethan_10000',
                'minute_of_connect_time_morethan_3000',
                'minute_of_connect_time_morethan_5000',
                'minute_of_dns_lookup_time_morethan_1000',
                'minute_of_dns_lookup_time_morethan_10000',
                'minute_of_dns_lookup_time_morethan_3000',
                'minute_of_dns_lookup_time_morethan_5000',
                'minute_of_document_response_time_morethan_1000',
                'minute_of_document_response_time_morethan_10000',
                'minute_of_document_response_time_morethan_3000',
                'minute_of_document_response_time_morethan_5000',
                'minute_of_dom_interactive_morethan_1000',
                'minute_of_dom_interactive_morethan_10000',
                'minute_of_dom_interactive_morethan_3000',
                'minute_of_dom_interactive_morethan_5000',
                'minute_of_first_paint_morethan_1000',
                'minute_of_first_paint_morethan_10000',
                'minute_of_first_paint_morethan_3000',
                'minute_of_first_paint_morethan_5000',
                'minute_of_page_load_time_morethan_1000',
                'minute_of_page_load_time_morethan_10000',
                'minute_of_page_load_time_morethan_3000',
                'minute_of_page_load_time_morethan_5000'
            ],
            [
                CAST(`int254`, 'Int64'),
                CAST(`int255`, 'Int64'),
                CAST(`int256`, 'Int64'),
                CAST(`int257`, 'Int64'),
                CAST(`int258`, 'Int64'),
                CAST(`int259`, 'Int64'),
                CAST(`int260`, 'Int64'),
                CAST(`int261`, 'Int64'),
                CAST(`int262`, 'Int64'),
                CAST(`int263`, 'Int64'),
                CAST(`int264`, 'Int64'),
                CAST(`int265`, 'Int64'),
                CAST(`int266`, 'Int64'),
                CAST(`int267`, 'Int64'),
                CAST(`int268`, 'Int64'),
                CAST(`int269`, 'Int64'),
                CAST(`int270`, 'Int64'),
                CAST(`int271`, 'Int64'),
                CAST(`int272`, 'Int64'),
                CAST(`int273`, 'Int64'),
                CAST(`int274`, 'Int64'),
                CAST(`int275`, 'Int64'),
                CAST(`int276`, 'Int64'),
                CAST(`int277`, 'Int64')
            ]
        )
    ) AS `metricIntGroup8`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '38_1_attempts',
                '38_1_failures',
                '38_1_successes',
                '38_2_attempts',
                '38_2_failures',
                '38_2_successes',
                '78_1_attempts',
                '78_1_failures',
                '78_1_successes',
                '78_2_attempts',
                '78_2_failures',
                '78_2_successes',
                '79_1_attempts',
                '79_1_failures',
                '79_1_successes',
                '79_2_attempts',
                '79_2_failures',
                '79_2_successes'
            ],
            [
                CAST(`int43`, 'Int64'),
                CAST(`int44`, 'Int64'),
                CAST(`int45`, 'Int64'),
                CAST(`int46`, 'Int64'),
                CAST(`int47`, 'Int64'),
                CAST(`int48`, 'Int64'),
                CAST(`int169`, 'Int64'),
                CAST(`int170`, 'Int64'),
                CAST(`int171`, 'Int64'),
                CAST(`int172`, 'Int64'),
                CAST(`int173`, 'Int64'),
                CAST(`int174`, 'Int64'),
                CAST(`int175`, 'Int64'),
                CAST(`int176`, 'Int64'),
                CAST(`int177`, 'Int64'),
                CAST(`int178`, 'Int64'),
                CAST(`int179`, 'Int64'),
                CAST(`int180`, 'Int64')
            ]
        )
    ) AS `metricIntGroup9`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '39_1_attempts',
                '39_1_failures',
                '39_1_successes',
                '39_2_attempts',
                '39_2_failures',
                '39_2_successes',
                '80_1_attempts',
                '80_1_failures',
                '80_1_successes',
                '80_2_attempts',
                '80_2_failures',
                '80_2_successes',
                '81_1_attempts',
                '81_1_failures',
                '81_1_successes',
                '81_2_attempts',
                '81_2_failures',
                '81_2_successes'
            ],
            [
                CAST(`int49`, 'Int64'),
                CAST(`int50`, 'Int64'),
                CAST(`int51`, 'Int64'),
                CAST(`int52`, 'Int64'),
                CAST(`int53`, 'Int64'),
                CAST(`int54`, 'Int64'),
                CAST(`int181`, 'Int64'),
                CAST(`int182`, 'Int64'),
                CAST(`int183`, 'Int64'),
                CAST(`int184`, 'Int64'),
                CAST(`int185`, 'Int64'),
                CAST(`int186`, 'Int64'),
                CAST(`int187`, 'Int64'),
                CAST(`int188`, 'Int64'),
                CAST(`int189`, 'Int64'),
                CAST(`int190`, 'Int64'),
                CAST(`int191`, 'Int64'),
                CAST(`int192`, 'Int64')
            ]
        )
    ) AS `metricIntGroup10`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '40_1_attempts',
                '40_1_failures',
                '40_1_successes',
                '40_2_attempts',
                '40_2_failures',
                '40_2_successes',
                '82_1_attempts',
                '82_1_failures',
                '82_1_successes',
                '82_2_attempts',
                '82_2_failures',
                '82_2_successes',
                '83_1_attempts',
                '83_1_failures',
                '83_1_successes',
                '83_2_attempts',
                '83_2_failures',
                '83_2_successes'
            ],
            [
                CAST(`int55`, 'Int64'),
                CAST(`int56`, 'Int64'),
                CAST(`int57`, 'Int64'),
                CAST(`int58`, 'Int64'),
                CAST(`int59`, 'Int64'),
                CAST(`int60`, 'Int64'),
                CAST(`int193`, 'Int64'),
                CAST(`int194`, 'Int64'),
                CAST(`int195`, 'Int64'),
                CAST(`int196`, 'Int64'),
                CAST(`int197`, 'Int64'),
                CAST(`int198`, 'Int64'),
                CAST(`int199`, 'Int64'),
                CAST(`int200`, 'Int64'),
                CAST(`int201`, 'Int64'),
                CAST(`int202`, 'Int64'),
                CAST(`int203`, 'Int64'),
                CAST(`int204`, 'Int64')
            ]
        )
    ) AS `metricIntGroup11`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '41_1_attempts',
                '41_1_failures',
                '41_1_successes',
                '41_2_attempts',
                '41_2_failures',
                '41_2_successes',
                '84_1_attempts',
                '84_1_failures',
                '84_1_successes',
                '84_2_attempts',
                '84_2_failures',
                '84_2_successes',
                '85_1_attempts',
                '85_1_failures',
                '85_1_successes',
                '85_2_attempts',
                '85_2_failures',
                '85_2_successes'
            ],
            [
                CAST(`int61`, 'Int64'),
                CAST(`int62`, 'Int64'),
                CAST(`int63`, 'Int64'),
                CAST(`int64`, 'Int64'),
                CAST(`int65`, 'Int64'),
                CAST(`int66`, 'Int64'),
                CAST(`int205`, 'Int64'),
                CAST(`int206`, 'Int64'),
                CAST(`int207`, 'Int64'),
                CAST(`int208`, 'Int64'),
                CAST(`int209`, 'Int64'),
                CAST(`int210`, 'Int64'),
                CAST(`int211`, 'Int64'),
                CAST(`int212`, 'Int64'),
                CAST(`int213`, 'Int64'),
                CAST(`int214`, 'Int64'),
                CAST(`int215`, 'Int64'),
                CAST(`int216`, 'Int64')
            ]
        )
    ) AS `metricIntGroup12`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '42_1_attempts',
                '42_1_failures',
                '42_1_successes',
                '42_2_attempts',
                '42_2_failures',
                '42_2_successes',
                '86_1_attempts',
                '86_1_failures',
                '86_1_successes',
                '86_2_attempts',
                '86_2_failures',
                '86_2_successes',
                '87_1_attempts',
                '87_1_failures',
                '87_1_successes',
                '87_2_attempts',
                '87_2_failures',
                '87_2_successes'
            ],
            [
                CAST(`int67`, 'Int64'),
                CAST(`int68`, 'Int64'),
                CAST(`int69`, 'Int64'),
                CAST(`int70`, 'Int64'),
                CAST(`int71`, 'Int64'),
                CAST(`int72`, 'Int64'),
                CAST(`int217`, 'Int64'),
                CAST(`int218`, 'Int64'),
                CAST(`int219`, 'Int64'),
                CAST(`int220`, 'Int64'),
                CAST(`int221`, 'Int64'),
                CAST(`int222`, 'Int64'),
                CAST(`int223`, 'Int64'),
                CAST(`int224`, 'Int64'),
                CAST(`int225`, 'Int64'),
                CAST(`int226`, 'Int64'),
                CAST(`int227`, 'Int64'),
                CAST(`int228`, 'Int64')
            ]
        )
    ) AS `metricIntGroup13`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '43_1_attempts',
                '43_1_failures',
                '43_1_successes',
                '43_2_attempts',
                '43_2_failures',
                '43_2_successes',
                '88_1_attempts',
                '88_1_failures',
                '88_1_successes',
                '88_2_attempts',
                '88_2_failures',
                '88_2_successes',
                '89_1_attempts',
                '89_1_failures',
                '89_1_successes',
                '89_2_attempts',
                '89_2_failures',
                '89_2_successes'
            ],
            [
                CAST(`int73`, 'Int64'),
                CAST(`int74`, 'Int64'),
                CAST(`int75`, 'Int64'),
                CAST(`int76`, 'Int64'),
                CAST(`int77`, 'Int64'),
                CAST(`int78`, 'Int64'),
                CAST(`int229`, 'Int64'),
                CAST(`int230`, 'Int64'),
                CAST(`int231`, 'Int64'),
                CAST(`int232`, 'Int64'),
                CAST(`int233`, 'Int64'),
                CAST(`int234`, 'Int64'),
                CAST(`int235`, 'Int64'),
                CAST(`int236`, 'Int64'),
                CAST(`int237`, 'Int64'),
                CAST(`int238`, 'Int64'),
                CAST(`int239`, 'Int64'),
                CAST(`int240`, 'Int64')
            ]
        )
    ) AS `metricIntGroup14`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                '44_1_attempts',
                '44_1_failures',
                '44_1_successes',
                '44_2_attempts',
                '44_2_failures',
                '44_2_successes',
                '90_1_attempts',
                '90_1_failures',
                '90_1_successes',
                '90_2_attempts',
                '90_2_failures',
                '90_2_successes',
                '91_1_attempts',
                '91_1_failures',
                '91_1_successes',
                '91_2_attempts',
                '91_2_failures',
                '91_2_successes'
            ],
            [
                CAST(`int79`, 'Int64'),
                CAST(`int80`, 'Int64'),
                CAST(`int81`, 'Int64'),
                CAST(`int82`, 'Int64'),
                CAST(`int83`, 'Int64'),
                CAST(`int84`, 'Int64'),
                CAST(`int241`, 'Int64'),
                CAST(`int242`, 'Int64'),
                CAST(`int243`, 'Int64'),
                CAST(`int244`, 'Int64'),
                CAST(`int245`, 'Int64'),
                CAST(`int246`, 'Int64'),
                CAST(`int247`, 'Int64'),
                CAST(`int248`, 'Int64'),
                CAST(`int249`, 'Int64'),
                CAST(`int250`, 'Int64'),
                CAST(`int251`, 'Int64'),
                CAST(`int252`, 'Int64')
            ]
        )
    ) AS `metricIntGroup15`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'dns_lookup_time_ms_max_sum',
                'dns_lookup_time_ms_sq_sum',
                'dns_lookup_time_ms_sum',
                'sample_weight_1',
                'tcp_connect_time_ms_max_sum',
                'tcp_connect_time_ms_sq_sum',
                'tcp_connect_time_ms_sum',
                'tls_handshake_time_ms_max_sum',
                'tls_handshake_time_ms_sq_sum',
                'tls_handshake_time_ms_sum'
            ],
            [
                CAST(`float10`, 'Float64'),
                CAST(`float11`, 'Float64'),
                CAST(`float12`, 'Float64'),
                CAST(`float74`, 'Float64'),
                CAST(`float94`, 'Float64'),
                CAST(`float95`, 'Float64'),
                CAST(`float96`, 'Float64'),
                CAST(`float100`, 'Float64'),
                CAST(`float101`, 'Float64'),
                CAST(`float102`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup1`,
    CAST(map(), 'Map(String, Float64)') AS `metricFloatGroup2`,
    mapFilter((k, v) -> v != 0, mapFromArrays(['sample_weight_3'], [CAST(`float78`, 'Float64')])) AS `metricFloatGroup3`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'redirect_time_ms_max_sum',
                'redirect_time_ms_sq_sum',
                'redirect_time_ms_sum',
                'request_time_ms_max_sum',
                'request_time_ms_sq_sum',
                'request_time_ms_sum'
            ],
            [
                CAST(`float62`, 'Float64'),
                CAST(`float63`, 'Float64'),
                CAST(`float64`, 'Float64'),
                CAST(`float65`, 'Float64'),
                CAST(`float66`, 'Float64'),
                CAST(`float67`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup4`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'app_cache_time_ms_max_sum',
                'app_cache_time_ms_sq_sum',
                'app_cache_time_ms_sum',
                'response_time_ms_max_sum',
                'response_time_ms_sq_sum',
                'response_time_ms_sum',
                'sample_weight_5',
                'unload_time_ms_max_sum',
                'unload_time_ms_sq_sum',
                'unload_time_ms_sum'
            ],
            [
                CAST(`float4`, 'Float64'),
                CAST(`float5`, 'Float64'),
                CAST(`float6`, 'Float64'),
                CAST(`float71`, 'Float64'),
                CAST(`float72`, 'Float64'),
                CAST(`float73`, 'Float64'),
                CAST(`float79`, 'Float64'),
                CAST(`float109`, 'Float64'),
                CAST(`float110`, 'Float64'),
                CAST(`float111`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup5`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'resource_fetch_time_ms_max_sum',
                'resource_fetch_time_ms_sq_sum',
                'resource_fetch_time_ms_sum',
                'script_eval_time_ms_max_sum',
                'script_eval_time_ms_sq_sum',
                'script_eval_time_ms_sum',
                'style_recalc_time_ms_max_sum',
                'style_recalc_time_ms_sq_sum',
                'style_recalc_time_ms_sum'
            ],
            [
                CAST(`float68`, 'Float64'),
                CAST(`float69`, 'Float64'),
                CAST(`float70`, 'Float64'),
                CAST(`float82`, 'Float64'),
                CAST(`float83`, 'Float64'),
                CAST(`float84`, 'Float64'),
                CAST(`float91`, 'Float64'),
                CAST(`float92`, 'Float64'),
                CAST(`float93`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup6`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'composite_time_ms_max_sum',
                'composite_time_ms_sq_sum',
                'composite_time_ms_sum',
                'layout_time_ms_max_sum',
                'layout_time_ms_sq_sum',
                'layout_time_ms_sum',
                'paint_time_ms_max_sum',
                'paint_time_ms_sq_sum',
                'paint_time_ms_sum',
                'sample_weight_7'
            ],
            [
                CAST(`float7`, 'Float64'),
                CAST(`float8`, 'Float64'),
                CAST(`float9`, 'Float64'),
                CAST(`float41`, 'Float64'),
                CAST(`float42`, 'Float64'),
                CAST(`float43`, 'Float64'),
                CAST(`float50`, 'Float64'),
                CAST(`float51`, 'Float64'),
                CAST(`float52`, 'Float64'),
                CAST(`float80`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup7`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'input_delay_time_ms_max_sum',
                'input_delay_time_ms_sq_sum',
                'input_delay_time_ms_sum',
                'interaction_to_next_paint_time_ms_max_sum',
                'interaction_to_next_paint_time_ms_sq_sum',
                'interaction_to_next_paint_time_ms_sum',
                'long_task_time_ms_max_sum',
                'long_task_time_ms_sq_sum',
                'long_task_time_ms_sum'
            ],
            [
                CAST(`float31`, 'Float64'),
                CAST(`float32`, 'Float64'),
                CAST(`float33`, 'Float64'),
                CAST(`float34`, 'Float64'),
                CAST(`float35`, 'Float64'),
                CAST(`float36`, 'Float64'),
                CAST(`float44`, 'Float64'),
                CAST(`float45`, 'Float64'),
                CAST(`float46`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup8`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'sample_weight_9',
                'server_timing_time_ms_max_sum',
                'server_timing_time_ms_sq_sum',
                'server_timing_time_ms_sum',
                'time_to_interactive_time_ms_max_sum',
                'time_to_interactive_time_ms_sq_sum',
                'time_to_interactive_time_ms_sum',
                'total_blocking_time_ms_max_sum',
                'total_blocking_time_ms_sq_sum',
                'total_blocking_time_ms_sum'
            ],
            [
                CAST(`float81`, 'Float64'),
                CAST(`float85`, 'Float64'),
                CAST(`float86`, 'Float64'),
                CAST(`float87`, 'Float64'),
                CAST(`float97`, 'Float64'),
                CAST(`float98`, 'Float64'),
                CAST(`float99`, 'Float64'),
                CAST(`float103`, 'Float64'),
                CAST(`float104`, 'Float64'),
                CAST(`float105`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup9`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'layout_shift_score_sum',
                'preconnect_time_ms_max_sum',
                'preconnect_time_ms_sq_sum',
                'preconnect_time_ms_sum',
                'prefetch_time_ms_max_sum',
                'prefetch_time_ms_sq_sum',
                'prefetch_time_ms_sum',
                'service_worker_time_ms_max_sum',
                'service_worker_time_ms_sq_sum',
                'service_worker_time_ms_sum'
            ],
            [
                CAST(`float40`, 'Float64'),
                CAST(`float53`, 'Float64'),
                CAST(`float54`, 'Float64'),
                CAST(`float55`, 'Float64'),
                CAST(`float56`, 'Float64'),
                CAST(`float57`, 'Float64'),
                CAST(`float58`, 'Float64'),
                CAST(`float88`, 'Float64'),
                CAST(`float89`, 'Float64'),
                CAST(`float90`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup10`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'ad_load_time_ms_max_sum',
                'ad_load_time_ms_sq_sum',
                'ad_load_time_ms_sum',
                'font_load_time_ms_max_sum',
                'font_load_time_ms_sq_sum',
                'font_load_time_ms_sum',
                'image_decode_time_ms_max_sum',
                'image_decode_time_ms_sq_sum',
                'image_decode_time_ms_sum',
                'sample_weight_11'
            ],
            [
                CAST(`float1`, 'Float64'),
                CAST(`float2`, 'Float64'),
                CAST(`float3`, 'Float64'),
                CAST(`float25`, 'Float64'),
                CAST(`float26`, 'Float64'),
                CAST(`float27`, 'Float64'),
                CAST(`float28`, 'Float64'),
                CAST(`float29`, 'Float64'),
                CAST(`float30`, 'Float64'),
                CAST(`float75`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup11`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'rebuffering_time_ms_max_sum',
                'rebuffering_time_ms_sq_sum',
                'rebuffering_time_ms_sum',
                'video_startup_time_ms_max_sum',
                'video_startup_time_ms_sq_sum',
                'video_startup_time_ms_sum'
            ],
            [
                CAST(`float59`, 'Float64'),
                CAST(`float60`, 'Float64'),
                CAST(`float61`, 'Float64'),
                CAST(`float112`, 'Float64'),
                CAST(`float113`, 'Float64'),
                CAST(`float114`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup12`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            ['sample_weight_13', 'ttfb_time_ms_max_sum', 'ttfb_time_ms_sq_sum', 'ttfb_time_ms_sum'],
            [
                CAST(`float76`, 'Float64'),
                CAST(`float106`, 'Float64'),
                CAST(`float107`, 'Float64'),
                CAST(`float108`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup13`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'first_contentful_paint_time_ms_max_sum',
                'first_contentful_paint_time_ms_sq_sum',
                'first_contentful_paint_time_ms_sum',
                'first_paint_time_ms_max_sum',
                'first_paint_time_ms_sq_sum',
                'first_paint_time_ms_sum',
                'largest_contentful_paint_time_ms_max_sum',
                'largest_contentful_paint_time_ms_sq_sum',
                'largest_contentful_paint_time_ms_sum'
            ],
            [
                CAST(`float19`, 'Float64'),
                CAST(`float20`, 'Float64'),
                CAST(`float21`, 'Float64'),
                CAST(`float22`, 'Float64'),
                CAST(`float23`, 'Float64'),
                CAST(`float24`, 'Float64'),
                CAST(`float37`, 'Float64'),
                CAST(`float38`, 'Float64'),
                CAST(`float39`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup14`,
    mapFilter(
        (k, v) -> v != 0,
        mapFromArrays(
            [
                'dom_complete_time_ms_max_sum',
                'dom_complete_time_ms_sq_sum',
                'dom_complete_time_ms_sum',
                'dom_interactive_time_ms_max_sum',
                'dom_interactive_time_ms_sq_sum',
                'dom_interactive_time_ms_sum',
                'page_load_time_ms_max_sum',
                'page_load_time_ms_sq_sum',
                'page_load_time_ms_sum',
                'sample_weight_15'
            ],
            [
                CAST(`float13`, 'Float64'),
                CAST(`float14`, 'Float64'),
                CAST(`float15`, 'Float64'),
                CAST(`float16`, 'Float64'),
                CAST(`float17`, 'Float64'),
                CAST(`float18`, 'Float64'),
                CAST(`float47`, 'Float64'),
                CAST(`float48`, 'Float64'),
                CAST(`float49`, 'Float64'),
                CAST(`float77`, 'Float64')
            ]
        )
    ) AS `metricFloatGroup15`
FROM
    `default`.`eco_cross_page_preagg_pt1m`
