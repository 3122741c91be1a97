-- Wait until KPI kpi_daily_performance has finished refreshing (fails if the refresh failed).
SYSTEM WAIT VIEW `analytics`.`kpi_daily_performance__chplan_next`
