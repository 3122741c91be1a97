-- Publish a load of clicks exactly once: only staged rows whose key fact_clicks does not
-- hold yet. A row re-read by an overlapping window, or by a run resumed after a kill midway
-- through this insert, is already there and is skipped. A row with the same key holds the same
-- inserted_at (a fact whose inserted_at moved was deleted just before), so only target rows from
-- staging's earliest inserted_at on need checking.
INSERT INTO
    `analytics`.`fact_clicks` (`id`, `campaign_id`, `impression_id`, `event_time`, `inserted_at`)
SELECT
    `id`,
    `campaign_id`,
    `impression_id`,
    `event_time`,
    `inserted_at`
FROM
    `analytics`.`fact_clicks__staging`
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            `analytics`.`fact_clicks`
        WHERE
            `inserted_at` >= (
                SELECT
                    min(`inserted_at`)
                FROM
                    `analytics`.`fact_clicks__staging`
            )
    )
