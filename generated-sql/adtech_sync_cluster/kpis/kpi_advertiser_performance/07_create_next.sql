-- KPI kpi_advertiser_performance: campaigns, impressions, clicks, spend and CTR per advertiser.
-- A refreshable materialized view: each refresh recomputes it from the deduplicated tables and
-- swaps the result in atomically, so a row loaded twice or updated is never counted twice.
-- chplan sync refreshes it after every load (unless --no-metrics-update); it also refreshes hourly.
-- Its COMMENT names this definition: a run that finds the view with another comment replaces it.
CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.`kpi_advertiser_performance__chplan_next`
REFRESH EVERY 1 HOUR ENGINE = MergeTree
ORDER BY
    (`advertiser_id`) EMPTY AS
SELECT
    a.id AS advertiser_id,
    a.name AS advertiser_name,
    count() AS campaigns,
    sum(i.impressions) AS impressions,
    sum(k.clicks) AS clicks,
    sum(i.spend) AS spend,
    if(impressions = 0, 0, clicks / impressions) AS ctr
FROM
    `analytics`.`dim_advertiser` AS a FINAL
    INNER JOIN `analytics`.`dim_campaign` AS c FINAL ON c.advertiser_id = a.id
    LEFT JOIN (
        SELECT
            campaign_id,
            count() AS impressions,
            sum(cost) AS spend
        FROM
            `analytics`.`fact_impressions_all`
        GROUP BY
            campaign_id
    ) AS i ON i.campaign_id = c.id
    LEFT JOIN (
        SELECT
            campaign_id,
            count() AS clicks
        FROM
            `analytics`.`fact_clicks_all`
        GROUP BY
            campaign_id
    ) AS k ON k.campaign_id = c.id
GROUP BY
    a.id,
    a.name
COMMENT 'chplan definition 9b1a459170969a92'
