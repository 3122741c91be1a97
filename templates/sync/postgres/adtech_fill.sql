-- Demo data, generated inside PostgreSQL (deterministic: setseed). Parameters: $1 advertisers,
-- $2 campaigns, $3 impressions, $4 first day (date), $5 days.
-- The tables are empty here; restarting their sequences makes ids 1..N, as the references below expect.
TRUNCATE clicks, impressions, campaign, advertiser RESTART IDENTITY;
SELECT setseed(0.42);
INSERT INTO advertiser (name, created_at, updated_at)
SELECT 'Advertiser ' || i, $4::date - 30 + (i % 20), $4::date - 30 + (i % 20)
FROM generate_series(1, $1::int) AS i;
INSERT INTO campaign (advertiser_id, name, bid, budget, start_date, end_date, created_at, updated_at)
SELECT 1 + (i * 7) % $1::int, 'Campaign ' || i || ' · ' || (ARRAY['spring', 'brand', 'retarget', 'launch', 'q4'])[1 + i % 5],
       round((0.5 + random() * 4.5)::numeric, 4), round((1000 + random() * 99000)::numeric, 2),
       $4::date + (i % 10), CASE WHEN i % 4 = 0 THEN NULL ELSE $4::date + $5::int + (i % 30) END,
       $4::date - 10 + (i % 10), $4::date - 10 + (i % 10)
FROM generate_series(1, $2::int) AS i;
-- Skewed: campaign 1 gets the most impressions (power law). Rows arrive within 5 minutes of the
-- event, and 1% arrive two days late.
INSERT INTO impressions (campaign_id, event_time, cost, inserted_at)
SELECT campaign_id, event_time, round(bid / 1000 * (0.8 + random() * 0.4)::numeric, 6),
       event_time + CASE WHEN random() < 0.01 THEN interval '2 days' ELSE random() * interval '5 minutes' END
FROM (
    SELECT 1 + floor($2::int * power(random(), 3))::int AS campaign_id,
           $4::timestamptz + random() * ($5::int * interval '1 day') AS event_time
    FROM generate_series(1, $3::int)
) AS i
JOIN campaign AS c ON c.id = i.campaign_id;
-- About 2% of impressions are clicked, within ten minutes.
INSERT INTO clicks (campaign_id, impression_id, event_time, inserted_at)
SELECT campaign_id, id, event_time + d, inserted_at + d
FROM (SELECT *, random() * interval '10 minutes' AS d FROM impressions WHERE random() < 0.02) AS clicked;
-- Later changes to the dimensions: bids revised, advertisers renamed (the trigger moves updated_at).
UPDATE campaign SET bid = round(bid * 1.1, 4) WHERE id % 10 = 3;
UPDATE advertiser SET name = name || ' (renamed)' WHERE id % 7 = 1;
ANALYZE;
