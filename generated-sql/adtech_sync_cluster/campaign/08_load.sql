-- Load campaign: every row whose updated_at is in (lo, hi], read by ClickHouse from
-- PostgreSQL through the run's named collection (the password is a parameter of each query) (the WHERE is sent to PostgreSQL), into staging.
-- lo is the last watermark minus the lookback (or the beginning, for a full refresh).
INSERT INTO
    `analytics`.`dim_campaign__staging` (
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
    postgresql({pg_collection:Identifier}, password = {pg_password:String}, table = 'campaign')
WHERE
    `updated_at` > {lo:DateTime64(6, 'UTC')}
    AND `updated_at` <= {hi:DateTime64(6, 'UTC')}
