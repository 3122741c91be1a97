-- KPI kpi_campaign_ctr as PostgreSQL computes it on the source with its own SQL (from the spec),
-- for validation against the view.
-- The query PostgreSQL runs:
--     SELECT c.id AS campaign_id, c.name AS campaign_name, a.name AS advertiser_name, coalesce(i.impressions, 0) AS impressions, coalesce(k.clicks, 0) AS clicks, CASE WHEN coalesce(i.impressions, 0) = 0 THEN 0 ELSE coalesce(k.clicks, 0)::float8 / i.impressions END AS ctr FROM "public"."campaign" AS c JOIN "public"."advertiser" AS a ON a.id = c.advertiser_id LEFT JOIN (SELECT campaign_id, count(*) AS impressions FROM "public"."impressions" GROUP BY campaign_id) AS i ON i.campaign_id = c.id LEFT JOIN (SELECT campaign_id, count(*) AS clicks FROM "public"."clicks" GROUP BY campaign_id) AS k ON k.campaign_id = c.id
SELECT
    *
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = 'SELECT c.id AS campaign_id, c.name AS campaign_name, a.name AS advertiser_name, coalesce(i.impressions, 0) AS impressions, coalesce(k.clicks, 0) AS clicks, CASE WHEN coalesce(i.impressions, 0) = 0 THEN 0 ELSE coalesce(k.clicks, 0)::float8 / i.impressions END AS ctr FROM "public"."campaign" AS c JOIN "public"."advertiser" AS a ON a.id = c.advertiser_id LEFT JOIN (SELECT campaign_id, count(*) AS impressions FROM "public"."impressions" GROUP BY campaign_id) AS i ON i.campaign_id = c.id LEFT JOIN (SELECT campaign_id, count(*) AS clicks FROM "public"."clicks" GROUP BY campaign_id) AS k ON k.campaign_id = c.id'
    )
