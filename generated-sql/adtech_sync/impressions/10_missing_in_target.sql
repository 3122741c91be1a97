-- Keys PostgreSQL holds that fact_impressions lacks (rows not loaded yet, or lost).
SELECT
    count() AS keys,
    groupArray(20) (toString(tuple(`id`))) AS
sample
FROM
    postgresql(`chplan_pg_adtech_sync`, table = 'impressions')
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_impressions`
    )
