-- KPI kpi_advertiser_performance as ClickHouse holds it, for validation.
SELECT
    *
FROM
    `analytics`.`kpi_advertiser_performance`
ORDER BY
    `advertiser_id`
