-- Wait until KPI kpi_campaign_ctr has finished refreshing (fails if the refresh failed).
SYSTEM WAIT VIEW `analytics`.`kpi_campaign_ctr`
