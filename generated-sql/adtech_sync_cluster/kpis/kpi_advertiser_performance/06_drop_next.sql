-- Drops kpi_advertiser_performance__chplan_next: the new definition of KPI kpi_advertiser_performance when it failed, or the old
-- one after the swap. The view readers use is never dropped.
DROP VIEW IF EXISTS `analytics`.`kpi_advertiser_performance__chplan_next`
