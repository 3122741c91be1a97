-- Recompute KPI kpi_daily_performance now.
SYSTEM REFRESH VIEW `analytics`.`kpi_daily_performance__chplan_next`
