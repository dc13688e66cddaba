-- The catalog: members, their API keys, collections and items.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS members (
  code   text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
  name   text NOT NULL,
  agency text NOT NULL
);

CREATE TABLE IF NOT EXISTS api_keys (
  id         text PRIMARY KEY,
  member     text REFERENCES members (code),
  role       text NOT NULL CHECK (role IN ('reader', 'member', 'admin')),
  -- SHA-256 of the whole key: keys are 256-bit random, so a slow hash would add nothing.
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK (role = 'admin' OR member IS NOT NULL)
);

CREATE TABLE IF NOT EXISTS collections (
  id         text PRIMARY KEY,
  member     text NOT NULL REFERENCES members (code),
  content    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per item. The properties that searches use are promoted to typed columns; `content` is the
-- whole STAC document as stored (after migration and normalisation), so an answer needs no reassembly.
CREATE TABLE IF NOT EXISTS items (
  collection     text NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  id             text NOT NULL,
  geometry       geometry(Geometry, 4326),
  datetime       timestamptz,
  start_datetime timestamptz,
  end_datetime   timestamptz,
  -- The default order: datetime, or the start of the range when datetime is null.
  sort_datetime  timestamptz NOT NULL GENERATED ALWAYS AS (COALESCE(datetime, start_datetime)) STORED,
  -- The item's time interval, [start_datetime ?? datetime, end_datetime ?? datetime].
  interval_start timestamptz NOT NULL GENERATED ALWAYS AS (COALESCE(start_datetime, datetime)) STORED,
  interval_end   timestamptz NOT NULL GENERATED ALWAYS AS (COALESCE(end_datetime, datetime)) STORED,
  cloud_cover    double precision,
  platform       text,
  constellation  text,
  instruments    text[],
  gsd            double precision,
  off_nadir      double precision,
  member         text NOT NULL REFERENCES members (code),
  ingested       timestamptz NOT NULL DEFAULT clock_timestamp(),
  content        jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);

CREATE INDEX IF NOT EXISTS items_sort_idx ON items (sort_datetime DESC, collection, id);
CREATE INDEX IF NOT EXISTS items_geometry_idx ON items USING gist (geometry);
CREATE INDEX IF NOT EXISTS items_ingested_idx ON items (ingested, collection, id);
