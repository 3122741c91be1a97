-- KPI kpi_campaign_ctr: click-through rate per campaign, with its advertiser.
-- A refreshable materialized view: each refresh recomputes it from the deduplicated tables and
-- swaps the result in atomically, so a row loaded twice or updated is never counted twice.
-- chplan sync refreshes it after every load (unless --no-metrics-update); it also refreshes hourly.
-- Its COMMENT names this definition: a run that finds the view with another comment replaces it.
CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.`kpi_campaign_ctr__chplan_next`
REFRESH EVERY 1 HOUR ENGINE = MergeTree
ORDER BY
    (`campaign_id`) EMPTY AS
SELECT
    c.id AS campaign_id,
    c.name AS campaign_name,
    a.name AS advertiser_name,
    i.impressions AS impressions,
    k.clicks AS clicks,
    if(i.impressions = 0, 0, k.clicks / i.impressions) AS ctr
FROM
    `analytics`.`dim_campaign` AS c FINAL
    INNER JOIN `analytics`.`dim_advertiser` AS a FINAL ON a.id = c.advertiser_id
    LEFT JOIN (
        SELECT
            campaign_id,
            count() AS impressions
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
COMMENT 'chplan definition f8a392bf75161d04'
