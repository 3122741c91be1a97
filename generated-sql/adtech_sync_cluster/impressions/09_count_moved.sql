-- Facts of impressions whose inserted_at moved since they were loaded (an upsert or an
-- UPDATE that re-stamps it): staging holds the key again with another inserted_at, and the target
-- holds its earlier row. Counted first, so that the DELETE beside runs only when there are some.
SELECT
    count() AS moved
FROM
    `analytics`.`fact_impressions`
WHERE
    (`id`) IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_impressions__staging`
    )
    AND (`id`, `inserted_at`) NOT IN (
        SELECT
            `id`,
            `inserted_at`
        FROM
            `analytics`.`fact_impressions__staging`
    )
