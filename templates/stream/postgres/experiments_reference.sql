-- The experiments' reference data in PostgreSQL, as the seed's dictionaries read it.
CREATE TABLE IF NOT EXISTS experiments (
    id     bigint PRIMARY KEY,
    name   text NOT NULL,
    status text NOT NULL
);
CREATE TABLE IF NOT EXISTS variants (
    id            bigint PRIMARY KEY,
    experiment_id integer NOT NULL REFERENCES experiments (id),
    name          text NOT NULL,
    is_control    smallint NOT NULL
);
INSERT INTO experiments VALUES (1, 'checkout button colour', 'running'), (2, 'pricing page layout', 'running'), (3, 'onboarding e-mail', 'stopped')
ON CONFLICT (id) DO NOTHING;
INSERT INTO variants VALUES (10, 1, 'control', 1), (11, 1, 'green', 0), (20, 2, 'control', 1), (21, 2, 'two columns', 0), (30, 3, 'control', 1), (31, 3, 'short', 0)
ON CONFLICT (id) DO NOTHING;
CREATE TABLE IF NOT EXISTS users (
    id      text PRIMARY KEY,
    uid     uuid NOT NULL UNIQUE,
    country text NOT NULL
);
INSERT INTO users
SELECT 'user_' || g, md5('user_' || g)::uuid, (ARRAY['DE', 'FR', 'US', 'BR'])[1 + g % 4]
FROM generate_series(0, 9999) AS g
ON CONFLICT (id) DO NOTHING;
