-- KPI kpi_campaign_daily_performance as PostgreSQL computes it on the source with its own SQL (from the spec),
-- for validation against the view.
-- The query PostgreSQL runs:
--     SELECT date, campaign_id, sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend, CASE WHEN sum(impressions) = 0 THEN 0 ELSE sum(clicks)::float8 / sum(impressions) END AS ctr FROM (SELECT (event_time AT TIME ZONE 'UTC')::date AS date, campaign_id, count(*) AS impressions, 0 AS clicks, sum(cost) AS spend FROM "public"."impressions" GROUP BY 1, 2 UNION ALL SELECT (event_time AT TIME ZONE 'UTC')::date, campaign_id, 0, count(*), 0 FROM "public"."clicks" GROUP BY 1, 2) AS t GROUP BY date, campaign_id
SELECT
    *
FROM
    postgresql(
        {pg_collection:Identifier},
        password = {pg_password:String},
        query = 'SELECT date, campaign_id, sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend, CASE WHEN sum(impressions) = 0 THEN 0 ELSE sum(clicks)::float8 / sum(impressions) END AS ctr FROM (SELECT (event_time AT TIME ZONE \'UTC\')::date AS date, campaign_id, count(*) AS impressions, 0 AS clicks, sum(cost) AS spend FROM "public"."impressions" GROUP BY 1, 2 UNION ALL SELECT (event_time AT TIME ZONE \'UTC\')::date, campaign_id, 0, count(*), 0 FROM "public"."clicks" GROUP BY 1, 2) AS t GROUP BY date, campaign_id'
    )
