-- KPI kpi_campaign_ctr as ClickHouse holds it, for validation.
SELECT
    *
FROM
    `analytics`.`kpi_campaign_ctr`
ORDER BY
    `campaign_id`
