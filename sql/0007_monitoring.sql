-- Monitoring (src/monitoring/): watches over territories, the alerts they open and close, and every
-- attempt to deliver an alert to a watch's webhook.

CREATE TABLE IF NOT EXISTS watches (
  id              text PRIMARY KEY,
  territory       text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  -- The member whose key created it; null for an admin's watch.
  member          text REFERENCES members (code),
  -- A part of the territory with no qualifying scene for longer than this is stale.
  max_age_hours   double precision NOT NULL CHECK (max_age_hours > 0),
  max_cloud_cover double precision CHECK (max_cloud_cover >= 0 AND max_cloud_cover <= 100),
  sensor          text CHECK (sensor IN ('optical', 'sar')),
  -- The share of the territory that must be stale before an alert opens.
  min_stale_share double precision NOT NULL DEFAULT 0 CHECK (min_stale_share >= 0 AND min_stale_share < 1),
  webhook_url     text NOT NULL,
  -- Kept in clear: every delivery is signed with it (HMAC-SHA256), so it cannot be hashed.
  secret          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  evaluated_at    timestamptz
);

CREATE INDEX IF NOT EXISTS watches_territory_idx ON watches (territory);

CREATE TABLE IF NOT EXISTS alerts (
  id                     text PRIMARY KEY,
  watch_id               text NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
  territory              text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  state                  text NOT NULL CHECK (state IN ('open', 'closed')),
  opened_at              timestamptz NOT NULL,
  closed_at              timestamptz,
  -- The stale part when the alert opened.
  stale_area_km2         double precision NOT NULL,
  stale_share            double precision NOT NULL,
  -- The stale part at the latest evaluation (0 once closed).
  current_stale_area_km2 double precision NOT NULL,
  current_stale_share    double precision NOT NULL,
  evaluated_at           timestamptz NOT NULL
);

-- At most one open alert per watch, even when two evaluations race.
CREATE UNIQUE INDEX IF NOT EXISTS alerts_open_watch_idx ON alerts (watch_id) WHERE state = 'open';
CREATE INDEX IF NOT EXISTS alerts_territory_idx ON alerts (territory, opened_at DESC);
CREATE INDEX IF NOT EXISTS alerts_opened_idx ON alerts (opened_at DESC, id);

-- One row per attempt. An event's first attempt is written with the alert change, in the same
-- transaction (an outbox: no alert change without its notice); a failed attempt writes the next
-- one, due after an exponential backoff, until the attempts run out.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id           bigserial PRIMARY KEY,
  alert_id     text NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  event        text NOT NULL CHECK (event IN ('alert.opened', 'alert.closed')),
  attempt      integer NOT NULL CHECK (attempt >= 1),
  -- The exact bytes signed and sent: every attempt of an event sends the same body.
  body         text NOT NULL,
  due_at       timestamptz NOT NULL,
  -- `sending` while claimed by a delivery run; a run that died leaves it, and a later run fails it.
  state        text NOT NULL CHECK (state IN ('pending', 'sending', 'delivered', 'failed')),
  attempted_at timestamptz,
  status_code  integer,
  error        text,
  duration_ms  double precision,
  UNIQUE (alert_id, event, attempt)
);

CREATE INDEX IF NOT EXISTS webhook_deliveries_due_idx ON webhook_deliveries (due_at) WHERE state IN ('pending', 'sending');

-- A platform name reduced for matching an item's `platform` with a satellite of the registry: lower
-- case, a "No." numbering word dropped, then letters and digits only, so that 'sentinel-1a',
-- 'Sentinel 1A' and 'SENTINEL-1A' agree, and 'kondor-fka-1' matches 'KONDOR-FKA NO. 1'.
CREATE OR REPLACE FUNCTION eopool_platform_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(regexp_replace(lower(name), '\mno\.', '', 'g'), '[^a-z0-9]', '', 'g')
$$;
