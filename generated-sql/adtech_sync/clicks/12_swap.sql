-- Full refresh of clicks: staging holds every row up to hi; swap it with the target in one
-- atomic rename, so readers see the old table until the new one is complete.
EXCHANGE TABLES `analytics`.`fact_clicks__staging`
AND `analytics`.`fact_clicks`
