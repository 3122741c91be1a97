-- Publish a load of advertiser: every staged row goes into the ReplacingMergeTree as one new
-- version, one above the greatest it holds, so PostgreSQL's current state replaces what earlier loads
-- read whatever its updated_at says; a row read again by an overlapping window collapses with itself.
INSERT INTO
    `analytics`.`dim_advertiser` (`id`, `name`, `created_at`, `updated_at`, `_version`)
SELECT
    `id`,
    `name`,
    `created_at`,
    `updated_at`,
    (
        SELECT
            max(`_version`)
        FROM
            `analytics`.`dim_advertiser`
    ) + 1
FROM
    `analytics`.`dim_advertiser__staging`
