-- KPI kpi_campaign_efficiency as ClickHouse holds it, for validation.
SELECT
    *
FROM
    `analytics`.`kpi_campaign_efficiency`
ORDER BY
    `campaign_id`
