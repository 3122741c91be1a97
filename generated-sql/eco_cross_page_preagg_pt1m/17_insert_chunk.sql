-- Flattens one chunk [{chunk_start}, {chunk_end}) of the source into staging.
-- One row per (minute in UTC, clientId, sessionId); every metric summed over the group.
-- Integers are summed in 64 bits and cast with accurateCast: an overflow fails the
-- chunk instead of wrapping.
-- The dimension columns come from one source row of the group, all from the same row: the
-- source rows stream past the groups' aggregates (the join's built, right side), and the ANY
-- join joins each group once, to the first of its rows to arrive. So the join copies the
-- aggregates into its output, not the dimension columns, and the rows need no deduplication
-- first (a LIMIT 1 BY runs in one thread). The SETTINGS at the end pin that meaning of ANY:
-- with the legacy any_join_distinct_right_table_keys = 1 every row of a group would be
-- joined, summing the group once per row.
-- The aggregation keeps each group's entries as lists; the dense sums are made from them in
-- WITH, after the join, which so moves a group's few entries, not a value for every key.
-- The WHERE at the end stops the chunk where __chplan_int_abs_total >= 4611686018427387904:
-- below 2^62 in absolute value a group's integer values cannot wrap their Int64 sum.
-- The WHERE at the end stops the chunk where __chplan_unmapped_rows > 0:
-- a key missing from the mapping would be dropped.
--
-- Positions in the aggregated arrays:
--   int 1 -> int1 <- "29_1_attempts"
--   int 2 -> int2 <- "29_1_failures"
--   int 3 -> int3 <- "29_1_successes"
--   int 4 -> int4 <- "29_2_attempts"
--   int 5 -> int5 <- "29_2_failures"
--   int 6 -> int6 <- "29_2_successes"
--   int 7 -> int7 <- "30_1_attempts"
--   int 8 -> int8 <- "30_1_failures"
--   int 9 -> int9 <- "30_1_successes"
--   int 10 -> int10 <- "30_2_attempts"
--   int 11 -> int11 <- "30_2_failures"
--   int 12 -> int12 <- "30_2_successes"
--   int 13 -> int13 <- "31_1_attempts"
--   int 14 -> int14 <- "31_1_failures"
--   int 15 -> int15 <- "31_1_successes"
--   int 16 -> int16 <- "31_2_attempts"
--   int 17 -> int17 <- "31_2_failures"
--   int 18 -> int18 <- "31_2_successes"
--   int 19 -> int19 <- "32_1_attempts"
--   int 20 -> int20 <- "32_1_failures"
--   int 21 -> int21 <- "32_1_successes"
--   int 22 -> int22 <- "32_2_attempts"
--   int 23 -> int23 <- "32_2_failures"
--   int 24 -> int24 <- "32_2_successes"
--   int 25 -> int25 <- "33_1_attempts"
--   int 26 -> int26 <- "33_1_failures"
--   int 27 -> int27 <- "33_1_successes"
--   int 28 -> int28 <- "33_2_attempts"
--   int 29 -> int29 <- "33_2_failures"
--   int 30 -> int30 <- "33_2_successes"
--   int 31 -> int31 <- "35_1_attempts"
--   int 32 -> int32 <- "35_1_failures"
--   int 33 -> int33 <- "35_1_successes"
--   int 34 -> int34 <- "35_2_attempts"
--   int 35 -> int35 <- "35_2_failures"
--   int 36 -> int36 <- "35_2_successes"
--   int 37 -> int37 <- "36_1_attempts"
--   int 38 -> int38 <- "36_1_failures"
--   int 39 -> int39 <- "36_1_successes"
--   int 40 -> int40 <- "36_2_attempts"
--   int 41 -> int41 <- "36_2_failures"
--   int 42 -> int42 <- "36_2_successes"
--   int 43 -> int43 <- "38_1_attempts"
--   int 44 -> int44 <- "38_1_failures"
--   int 45 -> int45 <- "38_1_successes"
--   int 46 -> int46 <- "38_2_attempts"
--   int 47 -> int47 <- "38_2_failures"
--   int 48 -> int48 <- "38_2_successes"
--   int 49 -> int49 <- "39_1_attempts"
--   int 50 -> int50 <- "39_1_failures"
--   int 51 -> int51 <- "39_1_successes"
--   int 52 -> int52 <- "39_2_attempts"
--   int 53 -> int53 <- "39_2_failures"
--   int 54 -> int54 <- "39_2_successes"
--   int 55 -> int55 <- "40_1_attempts"
--   int 56 -> int56 <- "40_1_failures"
--   int 57 -> int57 <- "40_1_successes"
--   int 58 -> int58 <- "40_2_attempts"
--   int 59 -> int59 <- "40_2_failures"
--   int 60 -> int60 <- "40_2_successes"
--   int 61 -> int61 <- "41_1_attempts"
--   int 62 -> int62 <- "41_1_failures"
--   int 63 -> int63 <- "41_1_successes"
--   int 64 -> int64 <- "41_2_attempts"
--   int 65 -> int65 <- "41_2_failures"
--   int 66 -> int66 <- "41_2_successes"
--   int 67 -> int67 <- "42_1_attempts"
--   int 68 -> int68 <- "42_1_failures"
--   int 69 -> int69 <- "42_1_successes"
--   int 70 -> int70 <- "42_2_attempts"
--   int 71 -> int71 <- "42_2_failures"
--   int 72 -> int72 <- "42_2_successes"
--   int 73 -> int73 <- "43_1_attempts"
--   int 74 -> int74 <- "43_1_failures"
--   int 75 -> int75 <- "43_1_successes"
--   int 76 -> int76 <- "43_2_attempts"
--   int 77 -> int77 <- "43_2_failures"
--   int 78 -> int78 <- "43_2_successes"
--   int 79 -> int79 <- "44_1_attempts"
--   int 80 -> int80 <- "44_1_failures"
--   int 81 -> int81 <- "44_1_successes"
--   int 82 -> int82 <- "44_2_attempts"
--   int 83 -> int83 <- "44_2_failures"
--   int 84 -> int84 <- "44_2_successes"
--   int 85 -> int85 <- "62_1_attempts"
--   int 86 -> int86 <- "62_1_failures"
--   int 87 -> int87 <- "62_1_successes"
--   int 88 -> int88 <- "62_2_attempts"
--   int 89 -> int89 <- "62_2_failures"
--   int 90 -> int90 <- "62_2_successes"
--   int 91 -> int91 <- "63_1_attempts"
--   int 92 -> int92 <- "63_1_failures"
--   int 93 -> int93 <- "63_1_successes"
--   int 94 -> int94 <- "63_2_attempts"
--   int 95 -> int95 <- "63_2_failures"
--   int 96 -> int96 <- "63_2_successes"
--   int 97 -> int97 <- "64_1_attempts"
--   int 98 -> int98 <- "64_1_failures"
--   int 99 -> int99 <- "64_1_successes"
--   int 100 -> int100 <- "64_2_attempts"
--   int 101 -> int101 <- "64_2_failures"
--   int 102 -> int102 <- "64_2_successes"
--   int 103 -> int103 <- "65_1_attempts"
--   int 104 -> int104 <- "65_1_failures"
--   int 105 -> int105 <- "65_1_successes"
--   int 106 -> int106 <- "65_2_attempts"
--   int 107 -> int107 <- "65_2_failures"
--   int 108 -> int108 <- "65_2_successes"
--   int 109 -> int109 <- "66_1_attempts"
--   int 110 -> int110 <- "66_1_failures"
--   int 111 -> int111 <- "66_1_successes"
--   int 112 -> int112 <- "66_2_attempts"
--   int 113 -> int113 <- "66_2_failures"
--   int 114 -> int114 <- "66_2_successes"
--   int 115 -> int115 <- "67_1_attempts"
--   int 116 -> int116 <- "67_1_failures"
--   int 117 -> int117 <- "67_1_successes"
--   int 118 -> int118 <- "67_2_attempts"
--   int 119 -> int119 <- "67_2_failures"
--   int 120 -> int120 <- "67_2_successes"
--   int 121 -> int121 <- "68_1_attempts"
--   int 122 -> int122 <- "68_1_failures"
--   int 123 -> int123 <- "68_1_successes"
--   int 124 -> int124 <- "68_2_attempts"
--   int 125 -> int125 <- "68_2_failures"
--   int 126 -> int126 <- "68_2_successes"
--   int 127 -> int127 <- "69_1_attempts"
--   int 128 -> int128 <- "69_1_failures"
--   int 129 -> int129 <- "69_1_successes"
--   int 130 -> int130 <- "69_2_attempts"
--   int 131 -> int131 <- "69_2_failures"
--   int 132 -> int132 <- "69_2_successes"
--   int 133 -> int133 <- "70_1_attempts"
--   int 134 -> int134 <- "70_1_failures"
--   int 135 -> int135 <- "70_1_successes"
--   int 136 -> int136 <- "70_2_attempts"
--   int 137 -> int137 <- "70_2_failures"
--   int 138 -> int138 <- "70_2_successes"
--   int 139 -> int139 <- "71_1_attempts"
--   int 140 -> int140 <- "71_1_failures"
--   int 141 -> int141 <- "71_1_successes"
--   int 142 -> int142 <- "71_2_attempts"
--   int 143 -> int143 <- "71_2_failures"
--   int 144 -> int144 <- "71_2_successes"
--   int 145 -> int145 <- "72_1_attempts"
--   int 146 -> int146 <- "72_1_failures"
--   int 147 -> int147 <- "72_1_successes"
--   int 148 -> int148 <- "72_2_attempts"
--   int 149 -> int149 <- "72_2_failures"
--   int 150 -> int150 <- "72_2_successes"
--   int 151 -> int151 <- "73_1_attempts"
--   int 152 -> int152 <- "73_1_failures"
--   int 153 -> int153 <- "73_1_successes"
--   int 154 -> int154 <- "73_2_attempts"
--   int 155 -> int155 <- "73_2_failures"
--   int 156 -> int156 <- "73_2_successes"
--   int 157 -> int157 <- "74_1_attempts"
--   int 158 -> int158 <- "74_1_failures"
--   int 159 -> int159 <- "74_1_successes"
--   int 160 -> int160 <- "74_2_attempts"
--   int 161 -> int161 <- "74_2_failures"
--   int 162 -> int162 <- "74_2_successes"
--   int 163 -> int163 <- "75_1_attempts"
--   int 164 -> int164 <- "75_1_failures"
--   int 165 -> int165 <- "75_1_successes"
--   int 166 -> int166 <- "75_2_attempts"
--   int 167 -> int167 <- "75_2_failures"
--   int 168 -> int168 <- "75_2_successes"
--   int 169 -> int169 <- "78_1_attempts"
--   int 170 -> int170 <- "78_1_failures"
--   int 171 -> int171 <- "78_1_successes"
--   int 172 -> int172 <- "78_2_attempts"
--   int 173 -> int173 <- "78_2_failures"
--   int 174 -> int174 <- "78_2_successes"
--   int 175 -> int175 <- "79_1_attempts"
--   int 176 -> int176 <- "79_1_failures"
--   int 177 -> int177 <- "79_1_successes"
--   int 178 -> int178 <- "79_2_attempts"
--   int 179 -> int179 <- "79_2_failures"
--   int 180 -> int180 <- "79_2_successes"
--   int 181 -> int181 <- "80_1_attempts"
--   int 182 -> int182 <- "80_1_failures"
--   int 183 -> int183 <- "80_1_successes"
--   int 184 -> int184 <- "80_2_attempts"
--   int 185 -> int185 <- "80_2_failures"
--   int 186 -> int186 <- "80_2_successes"
--   int 187 -> int187 <- "81_1_attempts"
--   int 188 -> int188 <- "81_1_failures"
--   int 189 -> int189 <- "81_1_successes"
--   int 190 -> int190 <- "81_2_attempts"
--   int 191 -> int191 <- "81_2_failures"
--   int 192 -> int192 <- "81_2_successes"
--   int 193 -> int193 <- "82_1_attempts"
--   int 194 -> int194 <- "82_1_failures"
--   int 195 -> int195 <- "82_1_successes"
--   int 196 -> int196 <- "82_2_attempts"
--   int 197 -> int197 <- "82_2_failures"
--   int 198 -> int198 <- "82_2_successes"
--   int 199 -> int199 <- "83_1_attempts"
--   int 200 -> int200 <- "83_1_failures"
--   int 201 -> int201 <- "83_1_successes"
--   int 202 -> int202 <- "83_2_attempts"
--   int 203 -> int203 <- "83_2_failures"
--   int 204 -> int204 <- "83_2_successes"
--   int 205 -> int205 <- "84_1_attempts"
--   int 206 -> int206 <- "84_1_failures"
--   int 207 -> int207 <- "84_1_successes"
--   int 208 -> int208 <- "84_2_attempts"
--   int 209 -> int209 <- "84_2_failures"
--   int 210 -> int210 <- "84_2_successes"
--   int 211 -> int211 <- "85_1_attempts"
--   int 212 -> int212 <- "85_1_failures"
--   int 213 -> int213 <- "85_1_successes"
--   int 214 -> int214 <- "85_2_attempts"
--   int 215 -> int215 <- "85_2_failures"
--   int 216 -> int216 <- "85_2_successes"
--   int 217 -> int217 <- "86_1_attempts"
--   int 218 -> int218 <- "86_1_failures"
--   int 219 -> int219 <- "86_1_successes"
--   int 220 -> int220 <- "86_2_attempts"
--   int 221 -> int221 <- "86_2_failures"
--   int 222 -> int222 <- "86_2_successes"
--   int 223 -> int223 <- "87_1_attempts"
--   int 224 -> int224 <- "87_1_failures"
--   int 225 -> int225 <- "87_1_successes"
--   int 226 -> int226 <- "87_2_attempts"
--   int 227 -> int227 <- "87_2_failures"
--   int 228 -> int228 <- "87_2_successes"
--   int 229 -> int229 <- "88_1_attempts"
--   int 230 -> int230 <- "88_1_failures"
--   int 231 -> int231 <- "88_1_successes"
--   int 232 -> int232 <- "88_2_attempts"
--   int 233 -> int233 <- "88_2_failures"
--   int 234 -> int234 <- "88_2_successes"
--   int 235 -> int235 <- "89_1_attempts"
--   int 236 -> int236 <- "89_1_failures"
--   int 237 -> int237 <- "89_1_successes"
--   int 238 -> int238 <- "89_2_attempts"
--   int 239 -> int239 <- "89_2_failures"
--   int 240 -> int240 <- "89_2_successes"
--   int 241 -> int241 <- "90_1_attempts"
--   int 242 -> int242 <- "90_1_failures"
--   int 243 -> int243 <- "90_1_successes"
--   int 244 -> int244 <- "90_2_attempts"
--   int 245 -> int245 <- "90_2_failures"
--   int 246 -> int246 <- "90_2_successes"
--   int 247 -> int247 <- "91_1_attempts"
--   int 248 -> int248 <- "91_1_failures"
--   int 249 -> int249 <- "91_1_successes"
--   int 250 -> int250 <- "91_2_attempts"
--   int 251 -> int251 <- "91_2_failures"
--   int 252 -> int252 <- "91_2_successes"
--   int 253 -> int253 <- "error_count"
--   int 254 -> int254 <- "minute_of_connect_time_morethan_1000"
--   int 255 -> int255 <- "minute_of_connect_time_morethan_10000"
--   int 256 -> int256 <- "minute_of_connect_time_morethan_3000"
--   int 257 -> int257 <- "minute_of_connect_time_morethan_5000"
--   int 258 -> int258 <- "minute_of_dns_lookup_time_morethan_1000"
--   int 259 -> int259 <- "minute_of_dns_lookup_time_morethan_10000"
--   int 260 -> int260 <- "minute_of_dns_lookup_time_morethan_3000"
--   int 261 -> int261 <- "minute_of_dns_lookup_time_morethan_5000"
--   int 262 -> int262 <- "minute_of_document_response_time_morethan_1000"
--   int 263 -> int263 <- "minute_of_document_response_time_morethan_10000"
--   int 264 -> int264 <- "minute_of_document_response_time_morethan_3000"
--   int 265 -> int265 <- "minute_of_document_response_time_morethan_5000"
--   int 266 -> int266 <- "minute_of_dom_interactive_morethan_1000"
--   int 267 -> int267 <- "minute_of_dom_interactive_morethan_10000"
--   int 268 -> int268 <- "minute_of_dom_interactive_morethan_3000"
--   int 269 -> int269 <- "minute_of_dom_interactive_morethan_5000"
--   int 270 -> int270 <- "minute_of_first_paint_morethan_1000"
--   int 271 -> int271 <- "minute_of_first_paint_morethan_10000"
--   int 272 -> int272 <- "minute_of_first_paint_morethan_3000"
--   int 273 -> int273 <- "minute_of_first_paint_morethan_5000"
--   int 274 -> int274 <- "minute_of_page_load_time_morethan_1000"
--   int 275 -> int275 <- "minute_of_page_load_time_morethan_10000"
--   int 276 -> int276 <- "minute_of_page_load_time_morethan_3000"
--   int 277 -> int277 <- "minute_of_page_load_time_morethan_5000"
--   int 278 -> int278 <- "page_views"
--   int 279 -> int279 <- "retry_count"
--   int 280 -> int280 <- "sessions_started"
--   float 1 -> float1 <- "ad_load_time_ms_max_sum"
--   float 2 -> float2 <- "ad_load_time_ms_sq_sum"
--   float 3 -> float3 <- "ad_load_time_ms_sum"
--   float 4 -> float4 <- "app_cache_time_ms_max_sum"
--   float 5 -> float5 <- "app_cache_time_ms_sq_sum"
--   float 6 -> float6 <- "app_cache_time_ms_sum"
--   float 7 -> float7 <- "composite_time_ms_max_sum"
--   float 8 -> float8 <- "composite_time_ms_sq_sum"
--   float 9 -> float9 <- "composite_time_ms_sum"
--   float 10 -> float10 <- "dns_lookup_time_ms_max_sum"
--   float 11 -> float11 <- "dns_lookup_time_ms_sq_sum"
--   float 12 -> float12 <- "dns_lookup_time_ms_sum"
--   float 13 -> float13 <- "dom_complete_time_ms_max_sum"
--   float 14 -> float14 <- "dom_complete_time_ms_sq_sum"
--   float 15 -> float15 <- "dom_complete_time_ms_sum"
--   float 16 -> float16 <- "dom_interactive_time_ms_max_sum"
--   float 17 -> float17 <- "dom_interactive_time_ms_sq_sum"
--   float 18 -> float18 <- "dom_interactive_time_ms_sum"
--   float 19 -> float19 <- "first_contentful_paint_time_ms_max_sum"
--   float 20 -> float20 <- "first_contentful_paint_time_ms_sq_sum"
--   float 21 -> float21 <- "first_contentful_paint_time_ms_sum"
--   float 22 -> float22 <- "first_paint_time_ms_max_sum"
--   float 23 -> float23 <- "first_paint_time_ms_sq_sum"
--   float 24 -> float24 <- "first_paint_time_ms_sum"
--   float 25 -> float25 <- "font_load_time_ms_max_sum"
--   float 26 -> float26 <- "font_load_time_ms_sq_sum"
--   float 27 -> float27 <- "font_load_time_ms_sum"
--   float 28 -> float28 <- "image_decode_time_ms_max_sum"
--   float 29 -> float29 <- "image_decode_time_ms_sq_sum"
--   float 30 -> float30 <- "image_decode_time_ms_sum"
--   float 31 -> float31 <- "input_delay_time_ms_max_sum"
--   float 32 -> float32 <- "input_delay_time_ms_sq_sum"
--   float 33 -> float33 <- "input_delay_time_ms_sum"
--   float 34 -> float34 <- "interaction_to_next_paint_time_ms_max_sum"
--   float 35 -> float35 <- "interaction_to_next_paint_time_ms_sq_sum"
--   float 36 -> float36 <- "interaction_to_next_paint_time_ms_sum"
--   float 37 -> float37 <- "largest_contentful_paint_time_ms_max_sum"
--   float 38 -> float38 <- "largest_contentful_paint_time_ms_sq_sum"
--   float 39 -> float39 <- "largest_contentful_paint_time_ms_sum"
--   float 40 -> float40 <- "layout_shift_score_sum"
--   float 41 -> float41 <- "layout_time_ms_max_sum"
--   float 42 -> float42 <- "layout_time_ms_sq_sum"
--   float 43 -> float43 <- "layout_time_ms_sum"
--   float 44 -> float44 <- "long_task_time_ms_max_sum"
--   float 45 -> float45 <- "long_task_time_ms_sq_sum"
--   float 46 -> float46 <- "long_task_time_ms_sum"
--   float 47 -> float47 <- "page_load_time_ms_max_sum"
--   float 48 -> float48 <- "page_load_time_ms_sq_sum"
--   float 49 -> float49 <- "page_load_time_ms_sum"
--   float 50 -> float50 <- "paint_time_ms_max_sum"
--   float 51 -> float51 <- "paint_time_ms_sq_sum"
--   float 52 -> float52 <- "paint_time_ms_sum"
--   float 53 -> float53 <- "preconnect_time_ms_max_sum"
--   float 54 -> float54 <- "preconnect_time_ms_sq_sum"
--   float 55 -> float55 <- "preconnect_time_ms_sum"
--   float 56 -> float56 <- "prefetch_time_ms_max_sum"
--   float 57 -> float57 <- "prefetch_time_ms_sq_sum"
--   float 58 -> float58 <- "prefetch_time_ms_sum"
--   float 59 -> float59 <- "rebuffering_time_ms_max_sum"
--   float 60 -> float60 <- "rebuffering_time_ms_sq_sum"
--   float 61 -> float61 <- "rebuffering_time_ms_sum"
--   float 62 -> float62 <- "redirect_time_ms_max_sum"
--   float 63 -> float63 <- "redirect_time_ms_sq_sum"
--   float 64 -> float64 <- "redirect_time_ms_sum"
--   float 65 -> float65 <- "request_time_ms_max_sum"
--   float 66 -> float66 <- "request_time_ms_sq_sum"
--   float 67 -> float67 <- "request_time_ms_sum"
--   float 68 -> float68 <- "resource_fetch_time_ms_max_sum"
--   float 69 -> float69 <- "resource_fetch_time_ms_sq_sum"
--   float 70 -> float70 <- "resource_fetch_time_ms_sum"
--   float 71 -> float71 <- "response_time_ms_max_sum"
--   float 72 -> float72 <- "response_time_ms_sq_sum"
--   float 73 -> float73 <- "response_time_ms_sum"
--   float 74 -> float74 <- "sample_weight_1"
--   float 75 -> float75 <- "sample_weight_11"
--   float 76 -> float76 <- "sample_weight_13"
--   float 77 -> float77 <- "sample_weight_15"
--   float 78 -> float78 <- "sample_weight_3"
--   float 79 -> float79 <- "sample_weight_5"
--   float 80 -> float80 <- "sample_weight_7"
--   float 81 -> float81 <- "sample_weight_9"
--   float 82 -> float82 <- "script_eval_time_ms_max_sum"
--   float 83 -> float83 <- "script_eval_time_ms_sq_sum"
--   float 84 -> float84 <- "script_eval_time_ms_sum"
--   float 85 -> float85 <- "server_timing_time_ms_max_sum"
--   float 86 -> float86 <- "server_timing_time_ms_sq_sum"
--   float 87 -> float87 <- "server_timing_time_ms_sum"
--   float 88 -> float88 <- "service_worker_time_ms_max_sum"
--   float 89 -> float89 <- "service_worker_time_ms_sq_sum"
--   float 90 -> float90 <- "service_worker_time_ms_sum"
--   float 91 -> float91 <- "style_recalc_time_ms_max_sum"
--   float 92 -> float92 <- "style_recalc_time_ms_sq_sum"
--   float 93 -> float93 <- "style_recalc_time_ms_sum"
--   float 94 -> float94 <- "tcp_connect_time_ms_max_sum"
--   float 95 -> float95 <- "tcp_connect_time_ms_sq_sum"
--   float 96 -> float96 <- "tcp_connect_time_ms_sum"
--   float 97 -> float97 <- "time_to_interactive_time_ms_max_sum"
--   float 98 -> float98 <- "time_to_interactive_time_ms_sq_sum"
--   float 99 -> float99 <- "time_to_interactive_time_ms_sum"
--   float 100 -> float100 <- "tls_handshake_time_ms_max_sum"
--   float 101 -> float101 <- "tls_handshake_time_ms_sq_sum"
--   float 102 -> float102 <- "tls_handshake_time_ms_sum"
--   float 103 -> float103 <- "total_blocking_time_ms_max_sum"
--   float 104 -> float104 <- "total_blocking_time_ms_sq_sum"
--   float 105 -> float105 <- "total_blocking_time_ms_sum"
--   float 106 -> float106 <- "ttfb_time_ms_max_sum"
--   float 107 -> float107 <- "ttfb_time_ms_sq_sum"
--   float 108 -> float108 <- "ttfb_time_ms_sum"
--   float 109 -> float109 <- "unload_time_ms_max_sum"
--   float 110 -> float110 <- "unload_time_ms_sq_sum"
--   float 111 -> float111 <- "unload_time_ms_sum"
--   float 112 -> float112 <- "video_startup_time_ms_max_sum"
--   float 113 -> float113 <- "video_startup_time_ms_sq_sum"
--   float 114 -> float114 <- "video_startup_time_ms_sum"
INSERT INTO
    `default`.`eco_cross_page_preagg_pt1m__chplan_staging` (
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
        `int1`,
        `int2`,
        `int3`,
        `int4`,
        `int5`,
        `int6`,
        `int7`,
        `int8`,
        `int9`,
        `int10`,
        `int11`,
        `int12`,
        `int13`,
        `int14`,
        `int15`,
        `int16`,
        `int17`,
        `int18`,
        `int19`,
        `int20`,
        `int21`,
        `int22`,
        `int23`,
        `int24`,
        `int25`,
        `int26`,
        `int27`,
        `int28`,
        `int29`,
        `int30`,
        `int31`,
        `int32`,
        `int33`,
        `int34`,
        `int35`,
        `int36`,
        `int37`,
        `int38`,
        `int39`,
        `int40`,
        `int41`,
        `int42`,
        `int43`,
        `int44`,
        `int45`,
        `int46`,
        `int47`,
        `int48`,
        `int49`,
        `int50`,
        `int51`,
        `int52`,
        `int53`,
        `int54`,
        `int55`,
        `int56`,
        `int57`,
        `int58`,
        `int59`,
        `int60`,
        `int61`,
        `int62`,
        `int63`,
        `int64`,
        `int65`,
        `int66`,
        `int67`,
        `int68`,
        `int69`,
        `int70`,
        `int71`,
        `int72`,
        `int73`,
        `int74`,
        `int75`,
        `int76`,
        `int77`,
        `int78`,
        `int79`,
        `int80`,
        `int81`,
        `int82`,
        `int83`,
        `int84`,
        `int85`,
        `int86`,
        `int87`,
        `int88`,
        `int89`,
        `int90`,
        `int91`,
        `int92`,
        `int93`,
        `int94`,
        `int95`,
        `int96`,
        `int97`,
        `int98`,
        `int99`,
        `int100`,
        `int101`,
        `int102`,
        `int103`,
        `int104`,
        `int105`,
        `int106`,
        `int107`,
        `int108`,
        `int109`,
        `int110`,
        `int111`,
        `int112`,
        `int113`,
        `int114`,
        `int115`,
        `int116`,
        `int117`,
        `int118`,
        `int119`,
        `int120`,
        `int121`,
        `int122`,
        `int123`,
        `int124`,
        `int125`,
        `int126`,
        `int127`,
        `int128`,
        `int129`,
        `int130`,
        `int131`,
        `int132`,
        `int133`,
        `int134`,
        `int135`,
        `int136`,
        `int137`,
        `int138`,
        `int139`,
        `int140`,
        `int141`,
        `int142`,
        `int143`,
        `int144`,
        `int145`,
        `int146`,
        `int147`,
        `int148`,
        `int149`,
        `int150`,
        `int151`,
        `int152`,
        `int153`,
        `int154`,
        `int155`,
        `int156`,
        `int157`,
        `int158`,
        `int159`,
        `int160`,
        `int161`,
        `int162`,
        `int163`,
        `int164`,
        `int165`,
        `int166`,
        `int167`,
        `int168`,
        `int169`,
        `int170`,
        `int171`,
        `int172`,
        `int173`,
        `int174`,
        `int175`,
        `int176`,
        `int177`,
        `int178`,
        `int179`,
        `int180`,
        `int181`,
        `int182`,
        `int183`,
        `int184`,
        `int185`,
        `int186`,
        `int187`,
        `int188`,
        `int189`,
        `int190`,
        `int191`,
        `int192`,
        `int193`,
        `int194`,
        `int195`,
        `int196`,
        `int197`,
        `int198`,
        `int199`,
        `int200`,
        `int201`,
        `int202`,
        `int203`,
        `int204`,
        `int205`,
        `int206`,
        `int207`,
        `int208`,
        `int209`,
        `int210`,
        `int211`,
        `int212`,
        `int213`,
        `int214`,
        `int215`,
        `int216`,
        `int217`,
        `int218`,
        `int219`,
        `int220`,
        `int221`,
        `int222`,
        `int223`,
        `int224`,
        `int225`,
        `int226`,
        `int227`,
        `int228`,
        `int229`,
        `int230`,
        `int231`,
        `int232`,
        `int233`,
        `int234`,
        `int235`,
        `int236`,
        `int237`,
        `int238`,
        `int239`,
        `int240`,
        `int241`,
        `int242`,
        `int243`,
        `int244`,
        `int245`,
        `int246`,
        `int247`,
        `int248`,
        `int249`,
        `int250`,
        `int251`,
        `int252`,
        `int253`,
        `int254`,
        `int255`,
        `int256`,
        `int257`,
        `int258`,
        `int259`,
        `int260`,
        `int261`,
        `int262`,
        `int263`,
        `int264`,
        `int265`,
        `int266`,
        `int267`,
        `int268`,
        `int269`,
        `int270`,
        `int271`,
        `int272`,
        `int273`,
        `int274`,
        `int275`,
        `int276`,
        `int277`,
        `int278`,
        `int279`,
        `int280`,
        `float1`,
        `float2`,
        `float3`,
        `float4`,
        `float5`,
        `float6`,
        `float7`,
        `float8`,
        `float9`,
        `float10`,
        `float11`,
        `float12`,
        `float13`,
        `float14`,
        `float15`,
        `float16`,
        `float17`,
        `float18`,
        `float19`,
        `float20`,
        `float21`,
        `float22`,
        `float23`,
        `float24`,
        `float25`,
        `float26`,
        `float27`,
        `float28`,
        `float29`,
        `float30`,
        `float31`,
        `float32`,
        `float33`,
        `float34`,
        `float35`,
        `float36`,
        `float37`,
        `float38`,
        `float39`,
        `float40`,
        `float41`,
        `float42`,
        `float43`,
        `float44`,
        `float45`,
        `float46`,
        `float47`,
        `float48`,
        `float49`,
        `float50`,
        `float51`,
        `float52`,
        `float53`,
        `float54`,
        `float55`,
        `float56`,
        `float57`,
        `float58`,
        `float59`,
        `float60`,
        `float61`,
        `float62`,
        `float63`,
        `float64`,
        `float65`,
        `float66`,
        `float67`,
        `float68`,
        `float69`,
        `float70`,
        `float71`,
        `float72`,
        `float73`,
        `float74`,
        `float75`,
        `float76`,
        `float77`,
        `float78`,
        `float79`,
        `float80`,
        `float81`,
        `float82`,
        `float83`,
        `float84`,
        `float85`,
        `float86`,
        `float87`,
        `float88`,
        `float89`,
        `float90`,
        `float91`,
        `float92`,
        `float93`,
        `float94`,
        `float95`,
        `float96`,
        `float97`,
        `float98`,
        `float99`,
        `float100`,
        `float101`,
        `float102`,
        `float103`,
        `float104`,
        `float105`,
        `float106`,
        `float107`,
        `float108`,
        `float109`,
        `float110`,
        `float111`,
        `float112`,
        `float113`,
        `float114`
    )
SETTINGS
    max_insert_threads = 2,
    min_insert_block_size_rows = 1048576
WITH
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
    ] AS __chplan_int_keys_1,
    CAST([1, 2, 3, 4, 5, 6, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 253, 278, 280], 'Array(UInt16)') AS __chplan_int_positions_1,
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
        '65_2_successes',
        'error_count'
    ] AS __chplan_int_keys_2,
    CAST(
        [7, 8, 9, 10, 11, 12, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 253],
        'Array(UInt16)'
    ) AS __chplan_int_positions_2,
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
    ] AS __chplan_int_keys_3,
    CAST(
        [13, 14, 15, 16, 17, 18, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120],
        'Array(UInt16)'
    ) AS __chplan_int_positions_3,
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
    ] AS __chplan_int_keys_4,
    CAST(
        [19, 20, 21, 22, 23, 24, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 279],
        'Array(UInt16)'
    ) AS __chplan_int_positions_4,
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
        '71_2_successes',
        'retry_count'
    ] AS __chplan_int_keys_5,
    CAST(
        [25, 26, 27, 28, 29, 30, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 279],
        'Array(UInt16)'
    ) AS __chplan_int_positions_5,
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
    ] AS __chplan_int_keys_6,
    CAST(
        [31, 32, 33, 34, 35, 36, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156],
        'Array(UInt16)'
    ) AS __chplan_int_positions_6,
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
    ] AS __chplan_int_keys_7,
    CAST(
        [37, 38, 39, 40, 41, 42, 157, 158, 159, 160, 161, 162, 163, 164, 165, 166, 167, 168],
        'Array(UInt16)'
    ) AS __chplan_int_positions_7,
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
    ] AS __chplan_int_keys_8,
    CAST(
        [
            254,
            255,
            256,
            257,
            258,
            259,
            260,
            261,
            262,
            263,
            264,
            265,
            266,
            267,
            268,
            269,
            270,
            271,
            272,
            273,
            274,
            275,
            276,
            277
        ],
        'Array(UInt16)'
    ) AS __chplan_int_positions_8,
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
        '79_2_successes',
        'retry_count'
    ] AS __chplan_int_keys_9,
    CAST(
        [43, 44, 45, 46, 47, 48, 169, 170, 171, 172, 173, 174, 175, 176, 177, 178, 179, 180, 279],
        'Array(UInt16)'
    ) AS __chplan_int_positions_9,
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
    ] AS __chplan_int_keys_10,
    CAST(
        [49, 50, 51, 52, 53, 54, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191, 192],
        'Array(UInt16)'
    ) AS __chplan_int_positions_10,
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
    ] AS __chplan_int_keys_11,
    CAST(
        [55, 56, 57, 58, 59, 60, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204],
        'Array(UInt16)'
    ) AS __chplan_int_positions_11,
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
    ] AS __chplan_int_keys_12,
    CAST(
        [61, 62, 63, 64, 65, 66, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216],
        'Array(UInt16)'
    ) AS __chplan_int_positions_12,
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
    ] AS __chplan_int_keys_13,
    CAST(
        [67, 68, 69, 70, 71, 72, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228],
        'Array(UInt16)'
    ) AS __chplan_int_positions_13,
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
    ] AS __chplan_int_keys_14,
    CAST(
        [73, 74, 75, 76, 77, 78, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239, 240],
        'Array(UInt16)'
    ) AS __chplan_int_positions_14,
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
    ] AS __chplan_int_keys_15,
    CAST(
        [79, 80, 81, 82, 83, 84, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252],
        'Array(UInt16)'
    ) AS __chplan_int_positions_15,
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
    ] AS __chplan_float_keys_1,
    CAST([10, 11, 12, 74, 94, 95, 96, 100, 101, 102], 'Array(UInt16)') AS __chplan_float_positions_1,
    [
        'first_contentful_paint_time_ms_max_sum',
        'first_contentful_paint_time_ms_sq_sum',
        'first_contentful_paint_time_ms_sum',
        'first_paint_time_ms_max_sum',
        'first_paint_time_ms_sq_sum',
        'first_paint_time_ms_sum',
        'layout_shift_score_sum',
        'ttfb_time_ms_max_sum',
        'ttfb_time_ms_sq_sum',
        'ttfb_time_ms_sum'
    ] AS __chplan_float_keys_2,
    CAST([19, 20, 21, 22, 23, 24, 40, 106, 107, 108], 'Array(UInt16)') AS __chplan_float_positions_2,
    [
        'dom_complete_time_ms_max_sum',
        'dom_complete_time_ms_sq_sum',
        'dom_complete_time_ms_sum',
        'dom_interactive_time_ms_max_sum',
        'dom_interactive_time_ms_sq_sum',
        'dom_interactive_time_ms_sum',
        'largest_contentful_paint_time_ms_max_sum',
        'largest_contentful_paint_time_ms_sq_sum',
        'largest_contentful_paint_time_ms_sum',
        'sample_weight_3'
    ] AS __chplan_float_keys_3,
    CAST([13, 14, 15, 16, 17, 18, 37, 38, 39, 78], 'Array(UInt16)') AS __chplan_float_positions_3,
    [
        'layout_shift_score_sum',
        'page_load_time_ms_max_sum',
        'page_load_time_ms_sq_sum',
        'page_load_time_ms_sum',
        'redirect_time_ms_max_sum',
        'redirect_time_ms_sq_sum',
        'redirect_time_ms_sum',
        'request_time_ms_max_sum',
        'request_time_ms_sq_sum',
        'request_time_ms_sum'
    ] AS __chplan_float_keys_4,
    CAST([40, 47, 48, 49, 62, 63, 64, 65, 66, 67], 'Array(UInt16)') AS __chplan_float_positions_4,
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
    ] AS __chplan_float_keys_5,
    CAST([4, 5, 6, 71, 72, 73, 79, 109, 110, 111], 'Array(UInt16)') AS __chplan_float_positions_5,
    [
        'layout_shift_score_sum',
        'resource_fetch_time_ms_max_sum',
        'resource_fetch_time_ms_sq_sum',
        'resource_fetch_time_ms_sum',
        'script_eval_time_ms_max_sum',
        'script_eval_time_ms_sq_sum',
        'script_eval_time_ms_sum',
        'style_recalc_time_ms_max_sum',
        'style_recalc_time_ms_sq_sum',
        'style_recalc_time_ms_sum'
    ] AS __chplan_float_keys_6,
    CAST([40, 68, 69, 70, 82, 83, 84, 91, 92, 93], 'Array(UInt16)') AS __chplan_float_positions_6,
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
    ] AS __chplan_float_keys_7,
    CAST([7, 8, 9, 41, 42, 43, 50, 51, 52, 80], 'Array(UInt16)') AS __chplan_float_positions_7,
    [
        'input_delay_time_ms_max_sum',
        'input_delay_time_ms_sq_sum',
        'input_delay_time_ms_sum',
        'interaction_to_next_paint_time_ms_max_sum',
        'interaction_to_next_paint_time_ms_sq_sum',
        'interaction_to_next_paint_time_ms_sum',
        'layout_shift_score_sum',
        'long_task_time_ms_max_sum',
        'long_task_time_ms_sq_sum',
        'long_task_time_ms_sum'
    ] AS __chplan_float_keys_8,
    CAST([31, 32, 33, 34, 35, 36, 40, 44, 45, 46], 'Array(UInt16)') AS __chplan_float_positions_8,
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
    ] AS __chplan_float_keys_9,
    CAST([81, 85, 86, 87, 97, 98, 99, 103, 104, 105], 'Array(UInt16)') AS __chplan_float_positions_9,
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
    ] AS __chplan_float_keys_10,
    CAST([40, 53, 54, 55, 56, 57, 58, 88, 89, 90], 'Array(UInt16)') AS __chplan_float_positions_10,
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
    ] AS __chplan_float_keys_11,
    CAST([1, 2, 3, 25, 26, 27, 28, 29, 30, 75], 'Array(UInt16)') AS __chplan_float_positions_11,
    [
        'dns_lookup_time_ms_max_sum',
        'dns_lookup_time_ms_sq_sum',
        'dns_lookup_time_ms_sum',
        'layout_shift_score_sum',
        'rebuffering_time_ms_max_sum',
        'rebuffering_time_ms_sq_sum',
        'rebuffering_time_ms_sum',
        'video_startup_time_ms_max_sum',
        'video_startup_time_ms_sq_sum',
        'video_startup_time_ms_sum'
    ] AS __chplan_float_keys_12,
    CAST([10, 11, 12, 40, 59, 60, 61, 112, 113, 114], 'Array(UInt16)') AS __chplan_float_positions_12,
    [
        'sample_weight_13',
        'tcp_connect_time_ms_max_sum',
        'tcp_connect_time_ms_sq_sum',
        'tcp_connect_time_ms_sum',
        'tls_handshake_time_ms_max_sum',
        'tls_handshake_time_ms_sq_sum',
        'tls_handshake_time_ms_sum',
        'ttfb_time_ms_max_sum',
        'ttfb_time_ms_sq_sum',
        'ttfb_time_ms_sum'
    ] AS __chplan_float_keys_13,
    CAST([76, 94, 95, 96, 100, 101, 102, 106, 107, 108], 'Array(UInt16)') AS __chplan_float_positions_13,
    [
        'first_contentful_paint_time_ms_max_sum',
        'first_contentful_paint_time_ms_sq_sum',
        'first_contentful_paint_time_ms_sum',
        'first_paint_time_ms_max_sum',
        'first_paint_time_ms_sq_sum',
        'first_paint_time_ms_sum',
        'largest_contentful_paint_time_ms_max_sum',
        'largest_contentful_paint_time_ms_sq_sum',
        'largest_contentful_paint_time_ms_sum',
        'layout_shift_score_sum'
    ] AS __chplan_float_keys_14,
    CAST([19, 20, 21, 22, 23, 24, 37, 38, 39, 40], 'Array(UInt16)') AS __chplan_float_positions_14,
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
    ] AS __chplan_float_keys_15,
    CAST([13, 14, 15, 16, 17, 18, 47, 48, 49, 77], 'Array(UInt16)') AS __chplan_float_positions_15,
    accurateCast(arrayReduce('sumResample(1, 281, 1)', __chplan_int_values, __chplan_int_slots), 'Array(Int32)') AS __chplan_int_sums,
    CAST(
        arrayReduce('sumResample(1, 115, 1)', __chplan_float_values, __chplan_float_slots),
        'Array(Float32)'
    ) AS __chplan_float_sums
SELECT
    __chplan_minute AS `timestampMs`,
    `clientId`,
    `sessionId`,
    __chplan_d1 AS `customerId`,
    __chplan_d2 AS `platform`,
    __chplan_d3 AS `countryIso`,
    __chplan_d4 AS `deviceName`,
    __chplan_d5 AS `browserName`,
    __chplan_d6 AS `osName`,
    __chplan_d7 AS `connectionType`,
    __chplan_d8 AS `deviceType`,
    __chplan_d9 AS `deviceManufacturer`,
    __chplan_d10 AS `deviceModel`,
    __chplan_d11 AS `osVersion`,
    __chplan_d12 AS `browserVersion`,
    __chplan_d13 AS `appName`,
    __chplan_d14 AS `appVersion`,
    __chplan_d15 AS `sdkVersion`,
    __chplan_d16 AS `isp`,
    __chplan_d17 AS `cityName`,
    __chplan_d18 AS `regionName`,
    __chplan_d19 AS `postalCode`,
    __chplan_d20 AS `pageType`,
    __chplan_d21 AS `pageName`,
    __chplan_d22 AS `referrerDomain`,
    __chplan_d23 AS `cdnName`,
    __chplan_d24 AS `playerName`,
    __chplan_d25 AS `contentType`,
    __chplan_d26 AS `language`,
    __chplan_d27 AS `timezoneName`,
    __chplan_d28 AS `userAgentFamily`,
    __chplan_d29 AS `networkType`,
    __chplan_d30 AS `carrier`,
    __chplan_d31 AS `screenResolution`,
    __chplan_d32 AS `ipVersion`,
    __chplan_d33 AS `cdnPop`,
    __chplan_d34 AS `streamProtocol`,
    __chplan_d35 AS `drmType`,
    __chplan_d36 AS `adSdk`,
    __chplan_d37 AS `consentState`,
    __chplan_d38 AS `subscriptionTier`,
    __chplan_d39 AS `marketingChannel`,
    __chplan_d40 AS `campaignId`,
    __chplan_d41 AS `abTestVariant`,
    __chplan_d42 AS `asn`,
    __chplan_d43 AS `isBot`,
    __chplan_d44 AS `experimentBucket`,
    __chplan_d45 AS `screenWidth`,
    __chplan_int_sums[1] AS `int1`,
    __chplan_int_sums[2] AS `int2`,
    __chplan_int_sums[3] AS `int3`,
    __chplan_int_sums[4] AS `int4`,
    __chplan_int_sums[5] AS `int5`,
    __chplan_int_sums[6] AS `int6`,
    __chplan_int_sums[7] AS `int7`,
    __chplan_int_sums[8] AS `int8`,
    __chplan_int_sums[9] AS `int9`,
    __chplan_int_sums[10] AS `int10`,
    __chplan_int_sums[11] AS `int11`,
    __chplan_int_sums[12] AS `int12`,
    __chplan_int_sums[13] AS `int13`,
    __chplan_int_sums[14] AS `int14`,
    __chplan_int_sums[15] AS `int15`,
    __chplan_int_sums[16] AS `int16`,
    __chplan_int_sums[17] AS `int17`,
    __chplan_int_sums[18] AS `int18`,
    __chplan_int_sums[19] AS `int19`,
    __chplan_int_sums[20] AS `int20`,
    __chplan_int_sums[21] AS `int21`,
    __chplan_int_sums[22] AS `int22`,
    __chplan_int_sums[23] AS `int23`,
    __chplan_int_sums[24] AS `int24`,
    __chplan_int_sums[25] AS `int25`,
    __chplan_int_sums[26] AS `int26`,
    __chplan_int_sums[27] AS `int27`,
    __chplan_int_sums[28] AS `int28`,
    __chplan_int_sums[29] AS `int29`,
    __chplan_int_sums[30] AS `int30`,
    __chplan_int_sums[31] AS `int31`,
    __chplan_int_sums[32] AS `int32`,
    __chplan_int_sums[33] AS `int33`,
    __chplan_int_sums[34] AS `int34`,
    __chplan_int_sums[35] AS `int35`,
    __chplan_int_sums[36] AS `int36`,
    __chplan_int_sums[37] AS `int37`,
    __chplan_int_sums[38] AS `int38`,
    __chplan_int_sums[39] AS `int39`,
    __chplan_int_sums[40] AS `int40`,
    __chplan_int_sums[41] AS `int41`,
    __chplan_int_sums[42] AS `int42`,
    __chplan_int_sums[43] AS `int43`,
    __chplan_int_sums[44] AS `int44`,
    __chplan_int_sums[45] AS `int45`,
    __chplan_int_sums[46] AS `int46`,
    __chplan_int_sums[47] AS `int47`,
    __chplan_int_sums[48] AS `int48`,
    __chplan_int_sums[49] AS `int49`,
    __chplan_int_sums[50] AS `int50`,
    __chplan_int_sums[51] AS `int51`,
    __chplan_int_sums[52] AS `int52`,
    __chplan_int_sums[53] AS `int53`,
    __chplan_int_sums[54] AS `int54`,
    __chplan_int_sums[55] AS `int55`,
    __chplan_int_sums[56] AS `int56`,
    __chplan_int_sums[57] AS `int57`,
    __chplan_int_sums[58] AS `int58`,
    __chplan_int_sums[59] AS `int59`,
    __chplan_int_sums[60] AS `int60`,
    __chplan_int_sums[61] AS `int61`,
    __chplan_int_sums[62] AS `int62`,
    __chplan_int_sums[63] AS `int63`,
    __chplan_int_sums[64] AS `int64`,
    __chplan_int_sums[65] AS `int65`,
    __chplan_int_sums[66] AS `int66`,
    __chplan_int_sums[67] AS `int67`,
    __chplan_int_sums[68] AS `int68`,
    __chplan_int_sums[69] AS `int69`,
    __chplan_int_sums[70] AS `int70`,
    __chplan_int_sums[71] AS `int71`,
    __chplan_int_sums[72] AS `int72`,
    __chplan_int_sums[73] AS `int73`,
    __chplan_int_sums[74] AS `int74`,
    __chplan_int_sums[75] AS `int75`,
    __chplan_int_sums[76] AS `int76`,
    __chplan_int_sums[77] AS `int77`,
    __chplan_int_sums[78] AS `int78`,
    __chplan_int_sums[79] AS `int79`,
    __chplan_int_sums[80] AS `int80`,
    __chplan_int_sums[81] AS `int81`,
    __chplan_int_sums[82] AS `int82`,
    __chplan_int_sums[83] AS `int83`,
    __chplan_int_sums[84] AS `int84`,
    __chplan_int_sums[85] AS `int85`,
    __chplan_int_sums[86] AS `int86`,
    __chplan_int_sums[87] AS `int87`,
    __chplan_int_sums[88] AS `int88`,
    __chplan_int_sums[89] AS `int89`,
    __chplan_int_sums[90] AS `int90`,
    __chplan_int_sums[91] AS `int91`,
    __chplan_int_sums[92] AS `int92`,
    __chplan_int_sums[93] AS `int93`,
    __chplan_int_sums[94] AS `int94`,
    __chplan_int_sums[95] AS `int95`,
    __chplan_int_sums[96] AS `int96`,
    __chplan_int_sums[97] AS `int97`,
    __chplan_int_sums[98] AS `int98`,
    __chplan_int_sums[99] AS `int99`,
    __chplan_int_sums[100] AS `int100`,
    __chplan_int_sums[101] AS `int101`,
    __chplan_int_sums[102] AS `int102`,
    __chplan_int_sums[103] AS `int103`,
    __chplan_int_sums[104] AS `int104`,
    __chplan_int_sums[105] AS `int105`,
    __chplan_int_sums[106] AS `int106`,
    __chplan_int_sums[107] AS `int107`,
    __chplan_int_sums[108] AS `int108`,
    __chplan_int_sums[109] AS `int109`,
    __chplan_int_sums[110] AS `int110`,
    __chplan_int_sums[111] AS `int111`,
    __chplan_int_sums[112] AS `int112`,
    __chplan_int_sums[113] AS `int113`,
    __chplan_int_sums[114] AS `int114`,
    __chplan_int_sums[115] AS `int115`,
    __chplan_int_sums[116] AS `int116`,
    __chplan_int_sums[117] AS `int117`,
    __chplan_int_sums[118] AS `int118`,
    __chplan_int_sums[119] AS `int119`,
    __chplan_int_sums[120] AS `int120`,
    __chplan_int_sums[121] AS `int121`,
    __chplan_int_sums[122] AS `int122`,
    __chplan_int_sums[123] AS `int123`,
    __chplan_int_sums[124] AS `int124`,
    __chplan_int_sums[125] AS `int125`,
    __chplan_int_sums[126] AS `int126`,
    __chplan_int_sums[127] AS `int127`,
    __chplan_int_sums[128] AS `int128`,
    __chplan_int_sums[129] AS `int129`,
    __chplan_int_sums[130] AS `int130`,
    __chplan_int_sums[131] AS `int131`,
    __chplan_int_sums[132] AS `int132`,
    __chplan_int_sums[133] AS `int133`,
    __chplan_int_sums[134] AS `int134`,
    __chplan_int_sums[135] AS `int135`,
    __chplan_int_sums[136] AS `int136`,
    __chplan_int_sums[137] AS `int137`,
    __chplan_int_sums[138] AS `int138`,
    __chplan_int_sums[139] AS `int139`,
    __chplan_int_sums[140] AS `int140`,
    __chplan_int_sums[141] AS `int141`,
    __chplan_int_sums[142] AS `int142`,
    __chplan_int_sums[143] AS `int143`,
    __chplan_int_sums[144] AS `int144`,
    __chplan_int_sums[145] AS `int145`,
    __chplan_int_sums[146] AS `int146`,
    __chplan_int_sums[147] AS `int147`,
    __chplan_int_sums[148] AS `int148`,
    __chplan_int_sums[149] AS `int149`,
    __chplan_int_sums[150] AS `int150`,
    __chplan_int_sums[151] AS `int151`,
    __chplan_int_sums[152] AS `int152`,
    __chplan_int_sums[153] AS `int153`,
    __chplan_int_sums[154] AS `int154`,
    __chplan_int_sums[155] AS `int155`,
    __chplan_int_sums[156] AS `int156`,
    __chplan_int_sums[157] AS `int157`,
    __chplan_int_sums[158] AS `int158`,
    __chplan_int_sums[159] AS `int159`,
    __chplan_int_sums[160] AS `int160`,
    __chplan_int_sums[161] AS `int161`,
    __chplan_int_sums[162] AS `int162`,
    __chplan_int_sums[163] AS `int163`,
    __chplan_int_sums[164] AS `int164`,
    __chplan_int_sums[165] AS `int165`,
    __chplan_int_sums[166] AS `int166`,
    __chplan_int_sums[167] AS `int167`,
    __chplan_int_sums[168] AS `int168`,
    __chplan_int_sums[169] AS `int169`,
    __chplan_int_sums[170] AS `int170`,
    __chplan_int_sums[171] AS `int171`,
    __chplan_int_sums[172] AS `int172`,
    __chplan_int_sums[173] AS `int173`,
    __chplan_int_sums[174] AS `int174`,
    __chplan_int_sums[175] AS `int175`,
    __chplan_int_sums[176] AS `int176`,
    __chplan_int_sums[177] AS `int177`,
    __chplan_int_sums[178] AS `int178`,
    __chplan_int_sums[179] AS `int179`,
    __chplan_int_sums[180] AS `int180`,
    __chplan_int_sums[181] AS `int181`,
    __chplan_int_sums[182] AS `int182`,
    __chplan_int_sums[183] AS `int183`,
    __chplan_int_sums[184] AS `int184`,
    __chplan_int_sums[185] AS `int185`,
    __chplan_int_sums[186] AS `int186`,
    __chplan_int_sums[187] AS `int187`,
    __chplan_int_sums[188] AS `int188`,
    __chplan_int_sums[189] AS `int189`,
    __chplan_int_sums[190] AS `int190`,
    __chplan_int_sums[191] AS `int191`,
    __chplan_int_sums[192] AS `int192`,
    __chplan_int_sums[193] AS `int193`,
    __chplan_int_sums[194] AS `int194`,
    __chplan_int_sums[195] AS `int195`,
    __chplan_int_sums[196] AS `int196`,
    __chplan_int_sums[197] AS `int197`,
    __chplan_int_sums[198] AS `int198`,
    __chplan_int_sums[199] AS `int199`,
    __chplan_int_sums[200] AS `int200`,
    __chplan_int_sums[201] AS `int201`,
    __chplan_int_sums[202] AS `int202`,
    __chplan_int_sums[203] AS `int203`,
    __chplan_int_sums[204] AS `int204`,
    __chplan_int_sums[205] AS `int205`,
    __chplan_int_sums[206] AS `int206`,
    __chplan_int_sums[207] AS `int207`,
    __chplan_int_sums[208] AS `int208`,
    __chplan_int_sums[209] AS `int209`,
    __chplan_int_sums[210] AS `int210`,
    __chplan_int_sums[211] AS `int211`,
    __chplan_int_sums[212] AS `int212`,
    __chplan_int_sums[213] AS `int213`,
    __chplan_int_sums[214] AS `int214`,
    __chplan_int_sums[215] AS `int215`,
    __chplan_int_sums[216] AS `int216`,
    __chplan_int_sums[217] AS `int217`,
    __chplan_int_sums[218] AS `int218`,
    __chplan_int_sums[219] AS `int219`,
    __chplan_int_sums[220] AS `int220`,
    __chplan_int_sums[221] AS `int221`,
    __chplan_int_sums[222] AS `int222`,
    __chplan_int_sums[223] AS `int223`,
    __chplan_int_sums[224] AS `int224`,
    __chplan_int_sums[225] AS `int225`,
    __chplan_int_sums[226] AS `int226`,
    __chplan_int_sums[227] AS `int227`,
    __chplan_int_sums[228] AS `int228`,
    __chplan_int_sums[229] AS `int229`,
    __chplan_int_sums[230] AS `int230`,
    __chplan_int_sums[231] AS `int231`,
    __chplan_int_sums[232] AS `int232`,
    __chplan_int_sums[233] AS `int233`,
    __chplan_int_sums[234] AS `int234`,
    __chplan_int_sums[235] AS `int235`,
    __chplan_int_sums[236] AS `int236`,
    __chplan_int_sums[237] AS `int237`,
    __chplan_int_sums[238] AS `int238`,
    __chplan_int_sums[239] AS `int239`,
    __chplan_int_sums[240] AS `int240`,
    __chplan_int_sums[241] AS `int241`,
    __chplan_int_sums[242] AS `int242`,
    __chplan_int_sums[243] AS `int243`,
    __chplan_int_sums[244] AS `int244`,
    __chplan_int_sums[245] AS `int245`,
    __chplan_int_sums[246] AS `int246`,
    __chplan_int_sums[247] AS `int247`,
    __chplan_int_sums[248] AS `int248`,
    __chplan_int_sums[249] AS `int249`,
    __chplan_int_sums[250] AS `int250`,
    __chplan_int_sums[251] AS `int251`,
    __chplan_int_sums[252] AS `int252`,
    __chplan_int_sums[253] AS `int253`,
    __chplan_int_sums[254] AS `int254`,
    __chplan_int_sums[255] AS `int255`,
    __chplan_int_sums[256] AS `int256`,
    __chplan_int_sums[257] AS `int257`,
    __chplan_int_sums[258] AS `int258`,
    __chplan_int_sums[259] AS `int259`,
    __chplan_int_sums[260] AS `int260`,
    __chplan_int_sums[261] AS `int261`,
    __chplan_int_sums[262] AS `int262`,
    __chplan_int_sums[263] AS `int263`,
    __chplan_int_sums[264] AS `int264`,
    __chplan_int_sums[265] AS `int265`,
    __chplan_int_sums[266] AS `int266`,
    __chplan_int_sums[267] AS `int267`,
    __chplan_int_sums[268] AS `int268`,
    __chplan_int_sums[269] AS `int269`,
    __chplan_int_sums[270] AS `int270`,
    __chplan_int_sums[271] AS `int271`,
    __chplan_int_sums[272] AS `int272`,
    __chplan_int_sums[273] AS `int273`,
    __chplan_int_sums[274] AS `int274`,
    __chplan_int_sums[275] AS `int275`,
    __chplan_int_sums[276] AS `int276`,
    __chplan_int_sums[277] AS `int277`,
    __chplan_int_sums[278] AS `int278`,
    __chplan_int_sums[279] AS `int279`,
    __chplan_int_sums[280] AS `int280`,
    __chplan_float_sums[1] AS `float1`,
    __chplan_float_sums[2] AS `float2`,
    __chplan_float_sums[3] AS `float3`,
    __chplan_float_sums[4] AS `float4`,
    __chplan_float_sums[5] AS `float5`,
    __chplan_float_sums[6] AS `float6`,
    __chplan_float_sums[7] AS `float7`,
    __chplan_float_sums[8] AS `float8`,
    __chplan_float_sums[9] AS `float9`,
    __chplan_float_sums[10] AS `float10`,
    __chplan_float_sums[11] AS `float11`,
    __chplan_float_sums[12] AS `float12`,
    __chplan_float_sums[13] AS `float13`,
    __chplan_float_sums[14] AS `float14`,
    __chplan_float_sums[15] AS `float15`,
    __chplan_float_sums[16] AS `float16`,
    __chplan_float_sums[17] AS `float17`,
    __chplan_float_sums[18] AS `float18`,
    __chplan_float_sums[19] AS `float19`,
    __chplan_float_sums[20] AS `float20`,
    __chplan_float_sums[21] AS `float21`,
    __chplan_float_sums[22] AS `float22`,
    __chplan_float_sums[23] AS `float23`,
    __chplan_float_sums[24] AS `float24`,
    __chplan_float_sums[25] AS `float25`,
    __chplan_float_sums[26] AS `float26`,
    __chplan_float_sums[27] AS `float27`,
    __chplan_float_sums[28] AS `float28`,
    __chplan_float_sums[29] AS `float29`,
    __chplan_float_sums[30] AS `float30`,
    __chplan_float_sums[31] AS `float31`,
    __chplan_float_sums[32] AS `float32`,
    __chplan_float_sums[33] AS `float33`,
    __chplan_float_sums[34] AS `float34`,
    __chplan_float_sums[35] AS `float35`,
    __chplan_float_sums[36] AS `float36`,
    __chplan_float_sums[37] AS `float37`,
    __chplan_float_sums[38] AS `float38`,
    __chplan_float_sums[39] AS `float39`,
    __chplan_float_sums[40] AS `float40`,
    __chplan_float_sums[41] AS `float41`,
    __chplan_float_sums[42] AS `float42`,
    __chplan_float_sums[43] AS `float43`,
    __chplan_float_sums[44] AS `float44`,
    __chplan_float_sums[45] AS `float45`,
    __chplan_float_sums[46] AS `float46`,
    __chplan_float_sums[47] AS `float47`,
    __chplan_float_sums[48] AS `float48`,
    __chplan_float_sums[49] AS `float49`,
    __chplan_float_sums[50] AS `float50`,
    __chplan_float_sums[51] AS `float51`,
    __chplan_float_sums[52] AS `float52`,
    __chplan_float_sums[53] AS `float53`,
    __chplan_float_sums[54] AS `float54`,
    __chplan_float_sums[55] AS `float55`,
    __chplan_float_sums[56] AS `float56`,
    __chplan_float_sums[57] AS `float57`,
    __chplan_float_sums[58] AS `float58`,
    __chplan_float_sums[59] AS `float59`,
    __chplan_float_sums[60] AS `float60`,
    __chplan_float_sums[61] AS `float61`,
    __chplan_float_sums[62] AS `float62`,
    __chplan_float_sums[63] AS `float63`,
    __chplan_float_sums[64] AS `float64`,
    __chplan_float_sums[65] AS `float65`,
    __chplan_float_sums[66] AS `float66`,
    __chplan_float_sums[67] AS `float67`,
    __chplan_float_sums[68] AS `float68`,
    __chplan_float_sums[69] AS `float69`,
    __chplan_float_sums[70] AS `float70`,
    __chplan_float_sums[71] AS `float71`,
    __chplan_float_sums[72] AS `float72`,
    __chplan_float_sums[73] AS `float73`,
    __chplan_float_sums[74] AS `float74`,
    __chplan_float_sums[75] AS `float75`,
    __chplan_float_sums[76] AS `float76`,
    __chplan_float_sums[77] AS `float77`,
    __chplan_float_sums[78] AS `float78`,
    __chplan_float_sums[79] AS `float79`,
    __chplan_float_sums[80] AS `float80`,
    __chplan_float_sums[81] AS `float81`,
    __chplan_float_sums[82] AS `float82`,
    __chplan_float_sums[83] AS `float83`,
    __chplan_float_sums[84] AS `float84`,
    __chplan_float_sums[85] AS `float85`,
    __chplan_float_sums[86] AS `float86`,
    __chplan_float_sums[87] AS `float87`,
    __chplan_float_sums[88] AS `float88`,
    __chplan_float_sums[89] AS `float89`,
    __chplan_float_sums[90] AS `float90`,
    __chplan_float_sums[91] AS `float91`,
    __chplan_float_sums[92] AS `float92`,
    __chplan_float_sums[93] AS `float93`,
    __chplan_float_sums[94] AS `float94`,
    __chplan_float_sums[95] AS `float95`,
    __chplan_float_sums[96] AS `float96`,
    __chplan_float_sums[97] AS `float97`,
    __chplan_float_sums[98] AS `float98`,
    __chplan_float_sums[99] AS `float99`,
    __chplan_float_sums[100] AS `float100`,
    __chplan_float_sums[101] AS `float101`,
    __chplan_float_sums[102] AS `float102`,
    __chplan_float_sums[103] AS `float103`,
    __chplan_float_sums[104] AS `float104`,
    __chplan_float_sums[105] AS `float105`,
    __chplan_float_sums[106] AS `float106`,
    __chplan_float_sums[107] AS `float107`,
    __chplan_float_sums[108] AS `float108`,
    __chplan_float_sums[109] AS `float109`,
    __chplan_float_sums[110] AS `float110`,
    __chplan_float_sums[111] AS `float111`,
    __chplan_float_sums[112] AS `float112`,
    __chplan_float_sums[113] AS `float113`,
    __chplan_float_sums[114] AS `float114`
FROM
    (
        -- The dimension columns of every source row; the join keeps one row of each group.
        SELECT
            toStartOfMinute(`timestampMs`, 'UTC') AS __chplan_row_minute,
            `clientId` AS __chplan_row_key0,
            `sessionId` AS __chplan_row_key1,
            `customerId` AS __chplan_d1,
            `platform` AS __chplan_d2,
            `countryIso` AS __chplan_d3,
            `deviceName` AS __chplan_d4,
            `browserName` AS __chplan_d5,
            `osName` AS __chplan_d6,
            `connectionType` AS __chplan_d7,
            `deviceType` AS __chplan_d8,
            `deviceManufacturer` AS __chplan_d9,
            `deviceModel` AS __chplan_d10,
            `osVersion` AS __chplan_d11,
            `browserVersion` AS __chplan_d12,
            `appName` AS __chplan_d13,
            `appVersion` AS __chplan_d14,
            `sdkVersion` AS __chplan_d15,
            `isp` AS __chplan_d16,
            `cityName` AS __chplan_d17,
            `regionName` AS __chplan_d18,
            `postalCode` AS __chplan_d19,
            `pageType` AS __chplan_d20,
            `pageName` AS __chplan_d21,
            `referrerDomain` AS __chplan_d22,
            `cdnName` AS __chplan_d23,
            `playerName` AS __chplan_d24,
            `contentType` AS __chplan_d25,
            `language` AS __chplan_d26,
            `timezoneName` AS __chplan_d27,
            `userAgentFamily` AS __chplan_d28,
            `networkType` AS __chplan_d29,
            `carrier` AS __chplan_d30,
            `screenResolution` AS __chplan_d31,
            `ipVersion` AS __chplan_d32,
            `cdnPop` AS __chplan_d33,
            `streamProtocol` AS __chplan_d34,
            `drmType` AS __chplan_d35,
            `adSdk` AS __chplan_d36,
            `consentState` AS __chplan_d37,
            `subscriptionTier` AS __chplan_d38,
            `marketingChannel` AS __chplan_d39,
            `campaignId` AS __chplan_d40,
            `abTestVariant` AS __chplan_d41,
            `asn` AS __chplan_d42,
            `isBot` AS __chplan_d43,
            `experimentBucket` AS __chplan_d44,
            `screenWidth` AS __chplan_d45
        FROM
            `default`.`eco_cross_page_flow_pt1m_local`
        WHERE
            `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
            AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
    ) AS __chplan_dims
    INNER ANY JOIN (
        SELECT
            toStartOfMinute(`timestampMs`, 'UTC') AS __chplan_minute,
            `clientId`,
            `sessionId`,
            sum(arraySum(x -> abs(toFloat64(x)), __chplan_int_row_values)) AS __chplan_int_abs_total,
            countIf (
                has(__chplan_int_row_slots, 0)
                OR has(__chplan_float_row_slots, 0)
            ) AS __chplan_unmapped_rows,
            groupArrayArray (__chplan_int_row_values) AS __chplan_int_values,
            groupArrayArray (__chplan_int_row_slots) AS __chplan_int_slots,
            groupArrayArray (__chplan_float_row_values) AS __chplan_float_values,
            groupArrayArray (__chplan_float_row_slots) AS __chplan_float_slots
        FROM
            (
                SELECT
                    `timestampMs`,
                    `clientId`,
                    `sessionId`,
                    arrayConcat(
                        `metricIntGroup1`.values,
                        `metricIntGroup2`.values,
                        `metricIntGroup3`.values,
                        `metricIntGroup4`.values,
                        `metricIntGroup5`.values,
                        `metricIntGroup6`.values,
                        `metricIntGroup7`.values,
                        `metricIntGroup8`.values,
                        `metricIntGroup9`.values,
                        `metricIntGroup10`.values,
                        `metricIntGroup11`.values,
                        `metricIntGroup12`.values,
                        `metricIntGroup13`.values,
                        `metricIntGroup14`.values,
                        `metricIntGroup15`.values
                    ) AS __chplan_int_row_values,
                    arrayConcat(
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_1, __chplan_int_positions_1, toUInt16(0)),
                            `metricIntGroup1`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_2, __chplan_int_positions_2, toUInt16(0)),
                            `metricIntGroup2`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_3, __chplan_int_positions_3, toUInt16(0)),
                            `metricIntGroup3`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_4, __chplan_int_positions_4, toUInt16(0)),
                            `metricIntGroup4`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_5, __chplan_int_positions_5, toUInt16(0)),
                            `metricIntGroup5`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_6, __chplan_int_positions_6, toUInt16(0)),
                            `metricIntGroup6`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_7, __chplan_int_positions_7, toUInt16(0)),
                            `metricIntGroup7`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_8, __chplan_int_positions_8, toUInt16(0)),
                            `metricIntGroup8`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_9, __chplan_int_positions_9, toUInt16(0)),
                            `metricIntGroup9`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_10, __chplan_int_positions_10, toUInt16(0)),
                            `metricIntGroup10`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_11, __chplan_int_positions_11, toUInt16(0)),
                            `metricIntGroup11`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_12, __chplan_int_positions_12, toUInt16(0)),
                            `metricIntGroup12`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_13, __chplan_int_positions_13, toUInt16(0)),
                            `metricIntGroup13`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_14, __chplan_int_positions_14, toUInt16(0)),
                            `metricIntGroup14`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_int_keys_15, __chplan_int_positions_15, toUInt16(0)),
                            `metricIntGroup15`.keys
                        )
                    ) AS __chplan_int_row_slots,
                    arrayConcat(
                        `metricFloatGroup1`.values,
                        `metricFloatGroup2`.values,
                        `metricFloatGroup3`.values,
                        `metricFloatGroup4`.values,
                        `metricFloatGroup5`.values,
                        `metricFloatGroup6`.values,
                        `metricFloatGroup7`.values,
                        `metricFloatGroup8`.values,
                        `metricFloatGroup9`.values,
                        `metricFloatGroup10`.values,
                        `metricFloatGroup11`.values,
                        `metricFloatGroup12`.values,
                        `metricFloatGroup13`.values,
                        `metricFloatGroup14`.values,
                        `metricFloatGroup15`.values
                    ) AS __chplan_float_row_values,
                    arrayConcat(
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_1, __chplan_float_positions_1, toUInt16(0)),
                            `metricFloatGroup1`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_2, __chplan_float_positions_2, toUInt16(0)),
                            `metricFloatGroup2`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_3, __chplan_float_positions_3, toUInt16(0)),
                            `metricFloatGroup3`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_4, __chplan_float_positions_4, toUInt16(0)),
                            `metricFloatGroup4`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_5, __chplan_float_positions_5, toUInt16(0)),
                            `metricFloatGroup5`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_6, __chplan_float_positions_6, toUInt16(0)),
                            `metricFloatGroup6`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_7, __chplan_float_positions_7, toUInt16(0)),
                            `metricFloatGroup7`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_8, __chplan_float_positions_8, toUInt16(0)),
                            `metricFloatGroup8`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_9, __chplan_float_positions_9, toUInt16(0)),
                            `metricFloatGroup9`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_10, __chplan_float_positions_10, toUInt16(0)),
                            `metricFloatGroup10`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_11, __chplan_float_positions_11, toUInt16(0)),
                            `metricFloatGroup11`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_12, __chplan_float_positions_12, toUInt16(0)),
                            `metricFloatGroup12`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_13, __chplan_float_positions_13, toUInt16(0)),
                            `metricFloatGroup13`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_14, __chplan_float_positions_14, toUInt16(0)),
                            `metricFloatGroup14`.keys
                        ),
                        arrayMap(
                            k -> transform(k, __chplan_float_keys_15, __chplan_float_positions_15, toUInt16(0)),
                            `metricFloatGroup15`.keys
                        )
                    ) AS __chplan_float_row_slots
                FROM
                    `default`.`eco_cross_page_flow_pt1m_local`
                WHERE
                    `timestampMs` >= {chunk_start:DateTime64(3, 'UTC')}
                    AND `timestampMs` < {chunk_end:DateTime64(3, 'UTC')}
            )
        GROUP BY
            __chplan_minute,
            `clientId`,
            `sessionId`
    ) AS __chplan_sums ON __chplan_sums.__chplan_minute = __chplan_dims.__chplan_row_minute
    AND __chplan_sums.`clientId` = __chplan_dims.__chplan_row_key0
    AND __chplan_sums.`sessionId` = __chplan_dims.__chplan_row_key1
WHERE
    throwIf(
        __chplan_int_abs_total >= 4611686018427387904,
        'chplan: the integer values of one group add up to 2^62 or more in absolute value, so their sum could wrap in Int64; the chunk was stopped'
    ) = 0
    AND throwIf(
        __chplan_unmapped_rows > 0,
        'chplan: the chunk holds keys the mapping does not map; they would be dropped, so the chunk was stopped'
    ) = 0
SETTINGS
    any_join_distinct_right_table_keys = 0
