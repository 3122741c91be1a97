-- Deletes the earlier row of each fact whose inserted_at moved (see the count beside), so that the
-- merge inserts the staged one: each key is in fact_clicks once, as PostgreSQL holds it now,
-- never twice. Safe to repeat: a run stopped here reloads the window, and the merge inserts the rows.
DELETE FROM `analytics`.`fact_clicks`
WHERE
    (`id`) IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_clicks__staging`
    )
    AND (`id`, `inserted_at`) NOT IN (
        SELECT
            `id`,
            `inserted_at`
        FROM
            `analytics`.`fact_clicks__staging`
    )
