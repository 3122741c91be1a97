-- Publish a load of advertiser: every staged version goes into the ReplacingMergeTree, which
-- keeps the newest per key; a version read again by an overlapping window collapses with itself.
INSERT INTO
    `analytics`.`dim_advertiser` (`id`, `name`, `created_at`, `updated_at`)
SELECT
    `id`,
    `name`,
    `created_at`,
    `updated_at`
FROM
    `analytics`.`dim_advertiser__staging`
