-- KPI kpi_campaign_efficiency: cost per click and per thousand impressions per campaign, beside its current bid.
-- A refreshable materialized view: each refresh recomputes it from the deduplicated tables and
-- swaps the result in atomically, so a row loaded twice or updated is never counted twice.
-- chplan sync refreshes it after every load (unless --no-metrics-update); it also refreshes hourly.
-- Its COMMENT names this definition: a run that finds the view with another comment replaces it.
CREATE MATERIALIZED VIEW IF NOT EXISTS `analytics`.`kpi_campaign_efficiency`
REFRESH EVERY 1 HOUR ENGINE = MergeTree
ORDER BY
    (`campaign_id`) EMPTY AS
SELECT
    c.id AS campaign_id,
    c.name AS campaign_name,
    c.bid AS bid,
    i.impressions AS impressions,
    k.clicks AS clicks,
    i.spend AS spend,
    if(k.clicks = 0, 0, toFloat64(i.spend) / k.clicks) AS cost_per_click,
    if(i.impressions = 0, 0, toFloat64(i.spend) * 1000 / i.impressions) AS cpm
FROM
    `analytics`.`dim_campaign` AS c FINAL
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
COMMENT 'chplan definition 7f6b0a8683be6946'
