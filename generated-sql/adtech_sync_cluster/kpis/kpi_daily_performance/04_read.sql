-- KPI kpi_daily_performance as ClickHouse holds it, for validation.
SELECT
    *
FROM
    `analytics`.`kpi_daily_performance`
ORDER BY
    `date`
