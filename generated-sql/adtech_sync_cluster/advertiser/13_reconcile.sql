-- chplan sync --reconcile: flag rows deleted in PostgreSQL. A tombstone (`_deleted` = 1, a version
-- above every other) replaces the row's latest version; FINAL and merges drop it, and the history
-- stays until then. Running it twice changes nothing more.
INSERT INTO
    `analytics`.`dim_advertiser`
SELECT
    * REPLACE(
        1 AS `_deleted`,
        (
            SELECT
                max(`_version`)
            FROM
                `analytics`.`dim_advertiser`
        ) + 1 AS `_version`
    )
FROM
    `analytics`.`dim_advertiser` FINAL
WHERE
    (`id`) NOT IN (
        SELECT
            `id`
        FROM
            postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'advertiser')
    )
