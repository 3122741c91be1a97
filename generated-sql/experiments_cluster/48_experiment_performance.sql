-- Reporting view experiment_performance.
CREATE OR REPLACE VIEW `experiments_analytics`.`experiment_performance`
ON CLUSTER `experiments` AS
SELECT
    experiment_id,
    variant_id,
    sum(events) AS events,
    sum(exposures) AS exposures,
    sum(conversions) AS conversions,
    sum(valid_events) AS valid_events,
    if(exposures = 0, 0, conversions / exposures) AS conversion_rate,
    sum(value) AS value
FROM
    `experiments_analytics`.`experiment_daily_stats_all`
GROUP BY
    experiment_id,
    variant_id
