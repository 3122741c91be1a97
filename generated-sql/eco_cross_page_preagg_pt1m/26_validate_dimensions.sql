-- Groups whose carried dimension columns differ inside the group: the target keeps
-- one source row's values, so such groups lose information.
SELECT
    count() AS groups,
    any(example) AS example
FROM
    (
        SELECT
            concat(
                toString(toStartOfMinute(`timestampMs`, 'UTC')),
                ' ',
                toString(`clientId`),
                ' ',
                toString(`sessionId`)
            ) AS example
        FROM
            `default`.`eco_cross_page_flow_pt1m_local`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
        GROUP BY
            toStartOfMinute(`timestampMs`, 'UTC'),
            `clientId`,
            `sessionId`
        HAVING
            min(cityHash64(`customerId`)) != max(cityHash64(`customerId`))
            OR min(cityHash64(`platform`)) != max(cityHash64(`platform`))
            OR min(cityHash64(`countryIso`)) != max(cityHash64(`countryIso`))
            OR min(cityHash64(`deviceName`)) != max(cityHash64(`deviceName`))
            OR min(cityHash64(`browserName`)) != max(cityHash64(`browserName`))
            OR min(cityHash64(`osName`)) != max(cityHash64(`osName`))
            OR min(cityHash64(`connectionType`)) != max(cityHash64(`connectionType`))
            OR min(cityHash64(`deviceType`)) != max(cityHash64(`deviceType`))
            OR min(cityHash64(`deviceManufacturer`)) != max(cityHash64(`deviceManufacturer`))
            OR min(cityHash64(`deviceModel`)) != max(cityHash64(`deviceModel`))
            OR min(cityHash64(`osVersion`)) != max(cityHash64(`osVersion`))
            OR min(cityHash64(`browserVersion`)) != max(cityHash64(`browserVersion`))
            OR min(cityHash64(`appName`)) != max(cityHash64(`appName`))
            OR min(cityHash64(`appVersion`)) != max(cityHash64(`appVersion`))
            OR min(cityHash64(`sdkVersion`)) != max(cityHash64(`sdkVersion`))
            OR min(cityHash64(`isp`)) != max(cityHash64(`isp`))
            OR min(cityHash64(`cityName`)) != max(cityHash64(`cityName`))
            OR min(cityHash64(`regionName`)) != max(cityHash64(`regionName`))
            OR min(cityHash64(`postalCode`)) != max(cityHash64(`postalCode`))
            OR min(cityHash64(`pageType`)) != max(cityHash64(`pageType`))
            OR min(cityHash64(`pageName`)) != max(cityHash64(`pageName`))
            OR min(cityHash64(`referrerDomain`)) != max(cityHash64(`referrerDomain`))
            OR min(cityHash64(`cdnName`)) != max(cityHash64(`cdnName`))
            OR min(cityHash64(`playerName`)) != max(cityHash64(`playerName`))
            OR min(cityHash64(`contentType`)) != max(cityHash64(`contentType`))
            OR min(cityHash64(`language`)) != max(cityHash64(`language`))
            OR min(cityHash64(`timezoneName`)) != max(cityHash64(`timezoneName`))
            OR min(cityHash64(`userAgentFamily`)) != max(cityHash64(`userAgentFamily`))
            OR min(cityHash64(`networkType`)) != max(cityHash64(`networkType`))
            OR min(cityHash64(`carrier`)) != max(cityHash64(`carrier`))
            OR min(cityHash64(`screenResolution`)) != max(cityHash64(`screenResolution`))
            OR min(cityHash64(`ipVersion`)) != max(cityHash64(`ipVersion`))
            OR min(cityHash64(`cdnPop`)) != max(cityHash64(`cdnPop`))
            OR min(cityHash64(`streamProtocol`)) != max(cityHash64(`streamProtocol`))
            OR min(cityHash64(`drmType`)) != max(cityHash64(`drmType`))
            OR min(cityHash64(`adSdk`)) != max(cityHash64(`adSdk`))
            OR min(cityHash64(`consentState`)) != max(cityHash64(`consentState`))
            OR min(cityHash64(`subscriptionTier`)) != max(cityHash64(`subscriptionTier`))
            OR min(cityHash64(`marketingChannel`)) != max(cityHash64(`marketingChannel`))
            OR min(cityHash64(`campaignId`)) != max(cityHash64(`campaignId`))
            OR min(cityHash64(`abTestVariant`)) != max(cityHash64(`abTestVariant`))
            OR min(cityHash64(`asn`)) != max(cityHash64(`asn`))
            OR min(cityHash64(`isBot`)) != max(cityHash64(`isBot`))
            OR min(cityHash64(`experimentBucket`)) != max(cityHash64(`experimentBucket`))
            OR min(cityHash64(`screenWidth`)) != max(cityHash64(`screenWidth`))
    )
