-- KPI kpi_advertiser_performance as PostgreSQL computes it on the source with its own SQL (from the spec),
-- for validation against the view.
-- The query PostgreSQL runs:
--     SELECT a.id AS advertiser_id, a.name AS advertiser_name, count(*) AS campaigns, coalesce(sum(i.impressions), 0) AS impressions, coalesce(sum(k.clicks), 0) AS clicks, coalesce(sum(i.spend), 0) AS spend, CASE WHEN coalesce(sum(i.impressions), 0) = 0 THEN 0 ELSE coalesce(sum(k.clicks), 0)::float8 / sum(i.impressions) END AS ctr FROM "public"."advertiser" AS a JOIN "public"."campaign" AS c ON c.advertiser_id = a.id LEFT JOIN (SELECT campaign_id, count(*) AS impressions, sum(cost) AS spend FROM "public"."impressions" GROUP BY campaign_id) AS i ON i.campaign_id = c.id LEFT JOIN (SELECT campaign_id, count(*) AS clicks FROM "public"."clicks" GROUP BY campaign_id) AS k ON k.campaign_id = c.id GROUP BY a.id, a.name
SELECT
    *
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = 'SELECT a.id AS advertiser_id, a.name AS advertiser_name, count(*) AS campaigns, coalesce(sum(i.impressions), 0) AS impressions, coalesce(sum(k.clicks), 0) AS clicks, coalesce(sum(i.spend), 0) AS spend, CASE WHEN coalesce(sum(i.impressions), 0) = 0 THEN 0 ELSE coalesce(sum(k.clicks), 0)::float8 / sum(i.impressions) END AS ctr FROM "public"."advertiser" AS a JOIN "public"."campaign" AS c ON c.advertiser_id = a.id LEFT JOIN (SELECT campaign_id, count(*) AS impressions, sum(cost) AS spend FROM "public"."impressions" GROUP BY campaign_id) AS i ON i.campaign_id = c.id LEFT JOIN (SELECT campaign_id, count(*) AS clicks FROM "public"."clicks" GROUP BY campaign_id) AS k ON k.campaign_id = c.id GROUP BY a.id, a.name'
    )
