-- Recompute KPI kpi_campaign_efficiency now.
SYSTEM REFRESH VIEW `analytics`.`kpi_campaign_efficiency__chplan_next`
