-- The ad platform's operational schema (seeds 001 and 003): advertisers run campaigns, which
-- buy impressions, some of which are clicked. Dimensions carry updated_at, kept current by a
-- trigger; facts carry inserted_at, the moment the row was written (not the event's time).
CREATE TABLE IF NOT EXISTS advertiser (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS campaign (
    id            bigserial PRIMARY KEY,
    advertiser_id bigint NOT NULL REFERENCES advertiser (id),
    name          text NOT NULL,
    bid           numeric(10, 4) NOT NULL CHECK (bid > 0),
    budget        numeric(14, 2) NOT NULL,
    start_date    date NOT NULL,
    end_date      date,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS impressions (
    id          bigserial PRIMARY KEY,
    campaign_id bigint NOT NULL REFERENCES campaign (id),
    event_time  timestamptz NOT NULL,
    cost        numeric(12, 6) NOT NULL,
    inserted_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS clicks (
    id            bigserial PRIMARY KEY,
    campaign_id   bigint NOT NULL REFERENCES campaign (id),
    impression_id bigint REFERENCES impressions (id),
    event_time    timestamptz NOT NULL,
    inserted_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS advertiser_updated_at ON advertiser (updated_at);
CREATE INDEX IF NOT EXISTS campaign_updated_at ON campaign (updated_at);
CREATE INDEX IF NOT EXISTS campaign_advertiser ON campaign (advertiser_id);
CREATE INDEX IF NOT EXISTS impressions_inserted_at ON impressions (inserted_at);
CREATE INDEX IF NOT EXISTS impressions_campaign_time ON impressions (campaign_id, event_time);
CREATE INDEX IF NOT EXISTS clicks_inserted_at ON clicks (inserted_at);
CREATE INDEX IF NOT EXISTS clicks_campaign_time ON clicks (campaign_id, event_time);
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER advertiser_touch BEFORE UPDATE ON advertiser FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
CREATE OR REPLACE TRIGGER campaign_touch BEFORE UPDATE ON campaign FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
