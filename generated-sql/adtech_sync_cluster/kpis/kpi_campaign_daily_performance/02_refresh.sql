-- Recompute KPI kpi_campaign_daily_performance now.
SYSTEM REFRESH VIEW `analytics`.`kpi_campaign_daily_performance`
