-- Recompute KPI kpi_campaign_ctr now.
SYSTEM REFRESH VIEW `analytics`.`kpi_campaign_ctr__chplan_next`
