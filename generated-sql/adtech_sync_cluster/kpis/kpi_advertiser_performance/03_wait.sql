-- Wait until KPI kpi_advertiser_performance has finished refreshing (fails if the refresh failed).
SYSTEM WAIT VIEW `analytics`.`kpi_advertiser_performance`
