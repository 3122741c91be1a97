-- Swaps KPI kpi_campaign_efficiency's new definition, built and refreshed beside it as kpi_campaign_efficiency__chplan_next,
-- with the view readers use, in one atomic step; the old definition is then under the other name.
EXCHANGE TABLES `analytics`.`kpi_campaign_efficiency__chplan_next`
AND `analytics`.`kpi_campaign_efficiency`
