-- Drops KPI kpi_advertiser_performance: run only when ClickHouse holds it with another definition (its COMMENT
-- is not this plan's), so that the next statement creates it from this plan. A KPI is recomputed
-- in full from the deduplicated tables by its first refresh, so nothing is lost.
DROP VIEW IF EXISTS `analytics`.`kpi_advertiser_performance`
