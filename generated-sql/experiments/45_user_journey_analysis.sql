-- Reporting view user_journey_analysis.
CREATE OR REPLACE VIEW `experiments_analytics`.`user_journey_analysis` AS
SELECT
    experiment_id,
    user_id,
    sum(events) AS events,
    sum(exposures) > 0 AS exposed,
    sum(conversions) > 0 AS converted,
    min(first_event) AS first_seen,
    max(last_event) AS last_seen,
    dateDiff('second', first_seen, last_seen) AS seconds_active
FROM
    `experiments_analytics`.`user_experiment_stats`
GROUP BY
    experiment_id,
    user_id
