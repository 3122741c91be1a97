-- KPI kpi_campaign_daily_performance: impressions, clicks, spend and CTR per campaign per day (UTC).
-- A refreshable materialized view: each refresh recomputes it from the deduplicated tables and
-- swaps the result in atomically, so a row loaded twice or updated is never counted twice.
-- chplan sync refreshes it after every load (unless --no-metrics-update); it also refreshes hourly.
-- Its COMMENT names this definition: a run that finds the view with another comment replaces it.
CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.`kpi_campaign_daily_performance`
REFRESH EVERY 1 HOUR ENGINE = MergeTree
ORDER BY
    (`date`, `campaign_id`) EMPTY AS
SELECT
    date,
    campaign_id,
    sum(impressions) AS impressions,
    sum(clicks) AS clicks,
    sum(spend) AS spend,
    if(impressions = 0, 0, clicks / impressions) AS ctr
FROM
    (
        SELECT
            toDate(event_time) AS date,
            campaign_id,
            count() AS impressions,
            0 AS clicks,
            sum(cost) AS spend
        FROM
            `analytics`.`fact_impressions_all`
        GROUP BY
            date,
            campaign_id
        UNION ALL
        SELECT
            toDate(event_time) AS date,
            campaign_id,
            0 AS impressions,
            count() AS clicks,
            0 AS spend
        FROM
            `analytics`.`fact_clicks_all`
        GROUP BY
            date,
            campaign_id
    )
GROUP BY
    date,
    campaign_id
COMMENT 'chplan definition e5f80b300f5eced8'
