-- Publish a load of campaign: every staged version goes into the ReplacingMergeTree, which
-- keeps the newest per key; a version read again by an overlapping window collapses with itself.
INSERT INTO
    `analytics`.`dim_campaign` (
        `id`,
        `advertiser_id`,
        `name`,
        `bid`,
        `budget`,
        `start_date`,
        `end_date`,
        `created_at`,
        `updated_at`
    )
SELECT
    `id`,
    `advertiser_id`,
    `name`,
    `bid`,
    `budget`,
    `start_date`,
    `end_date`,
    `created_at`,
    `updated_at`
FROM
    `analytics`.`dim_campaign__staging`
