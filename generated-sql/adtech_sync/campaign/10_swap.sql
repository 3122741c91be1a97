-- Full refresh of campaign: staging holds every row up to hi; swap it with the target in one
-- atomic rename, so readers see the old table until the new one is complete.
EXCHANGE TABLES `analytics`.`dim_campaign__staging`
AND `analytics`.`dim_campaign`
