-- Wait until KPI kpi_campaign_daily_performance has finished refreshing (fails if the refresh failed).
SYSTEM WAIT VIEW `analytics`.`kpi_campaign_daily_performance`
