-- Recompute KPI kpi_advertiser_performance now.
SYSTEM REFRESH VIEW `analytics`.`kpi_advertiser_performance__chplan_next`
