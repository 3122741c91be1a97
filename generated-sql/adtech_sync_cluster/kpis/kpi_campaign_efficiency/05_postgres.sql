-- KPI kpi_campaign_efficiency as PostgreSQL computes it on the source with its own SQL (from the spec),
-- for validation against the view.
-- The query PostgreSQL runs:
--     SELECT c.id AS campaign_id, c.name AS campaign_name, c.bid AS bid, coalesce(i.impressions, 0) AS impressions, coalesce(k.clicks, 0) AS clicks, coalesce(i.spend, 0) AS spend, CASE WHEN coalesce(k.clicks, 0) = 0 THEN 0 ELSE i.spend::float8 / k.clicks END AS cost_per_click, CASE WHEN coalesce(i.impressions, 0) = 0 THEN 0 ELSE i.spend::float8 * 1000 / i.impressions END AS cpm FROM "public"."campaign" AS c LEFT JOIN (SELECT campaign_id, count(*) AS impressions, sum(cost) AS spend FROM "public"."impressions" GROUP BY campaign_id) AS i ON i.campaign_id = c.id LEFT JOIN (SELECT campaign_id, count(*) AS clicks FROM "public"."clicks" GROUP BY campaign_id) AS k ON k.campaign_id = c.id
SELECT
    *
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = 'SELECT c.id AS campaign_id, c.name AS campaign_name, c.bid AS bid, coalesce(i.impressions, 0) AS impressions, coalesce(k.clicks, 0) AS clicks, coalesce(i.spend, 0) AS spend, CASE WHEN coalesce(k.clicks, 0) = 0 THEN 0 ELSE i.spend::float8 / k.clicks END AS cost_per_click, CASE WHEN coalesce(i.impressions, 0) = 0 THEN 0 ELSE i.spend::float8 * 1000 / i.impressions END AS cpm FROM "public"."campaign" AS c LEFT JOIN (SELECT campaign_id, count(*) AS impressions, sum(cost) AS spend FROM "public"."impressions" GROUP BY campaign_id) AS i ON i.campaign_id = c.id LEFT JOIN (SELECT campaign_id, count(*) AS clicks FROM "public"."clicks" GROUP BY campaign_id) AS k ON k.campaign_id = c.id'
    )
