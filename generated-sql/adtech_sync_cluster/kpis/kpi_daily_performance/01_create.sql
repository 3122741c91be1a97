-- KPI kpi_daily_performance: impressions, clicks, spend, CTR, CPM and CPC per day (UTC).
-- A refreshable materialized view: each refresh recomputes it from the deduplicated tables and
-- swaps the result in atomically, so a row loaded twice or updated is never counted twice.
-- chplan sync refreshes it after every load (unless --no-metrics-update); it also refreshes hourly.
-- Its COMMENT names this definition: a run that finds the view with another comment replaces it.
CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.`kpi_daily_performance`
REFRESH EVERY 1 HOUR ENGINE = MergeTree
ORDER BY
    (`date`) EMPTY AS
SELECT
    date,
    sum(impressions) AS impressions,
    sum(clicks) AS clicks,
    sum(spend) AS spend,
    if(impressions = 0, 0, clicks / impressions) AS ctr,
    if(impressions = 0, 0, toFloat64(spend) * 1000 / impressions) AS cpm,
    if(clicks = 0, 0, toFloat64(spend) / clicks) AS cpc
FROM
    (
        SELECT
            toDate(event_time) AS date,
            count() AS impressions,
            0 AS clicks,
            sum(cost) AS spend
        FROM
            `analytics`.`fact_impressions_all`
        GROUP BY
            date
        UNION ALL
        SELECT
            toDate(event_time) AS date,
            0 AS impressions,
            count() AS clicks,
            0 AS spend
        FROM
            `analytics`.`fact_clicks_all`
        GROUP BY
            date
    )
GROUP BY
    date
COMMENT 'chplan definition 5682567bed144191'
