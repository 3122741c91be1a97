-- KPI kpi_campaign_daily_performance as ClickHouse holds it, for validation.
SELECT
    *
FROM
    `analytics`.`kpi_campaign_daily_performance`
ORDER BY
    `date`,
    `campaign_id`
