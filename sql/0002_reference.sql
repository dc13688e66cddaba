-- Reference data for the revisit scheduler: satellites with their TLEs, and territories.
CREATE TABLE IF NOT EXISTS satellites (
  norad_id            integer PRIMARY KEY CHECK (norad_id > 0),
  name                text NOT NULL,
  -- The operator's code as published (an SCO member, or EU / US for the open-data references).
  operator            text NOT NULL,
  -- The operator when it is one of the members: the satellites of the pool.
  member              text REFERENCES members (code),
  sensor              text NOT NULL CHECK (sensor IN ('optical', 'sar')),
  instrument          text,
  swath_km            double precision CHECK (swath_km > 0),
  field_of_regard_deg double precision CHECK (field_of_regard_deg >= 0 AND field_of_regard_deg < 90),
  gsd_m               double precision CHECK (gsd_m > 0),
  tle_line1           text NOT NULL,
  tle_line2           text NOT NULL,
  tle_epoch           timestamptz NOT NULL,
  swath_source        text,
  notes               text,
  reference           boolean NOT NULL DEFAULT false,
  other_instruments   jsonb,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Every TLE ever received, so that a window in the past is computed from the elements nearest to it.
CREATE TABLE IF NOT EXISTS tle_history (
  norad_id    integer NOT NULL REFERENCES satellites (norad_id) ON DELETE CASCADE,
  epoch       timestamptz NOT NULL,
  line1       text NOT NULL,
  line2       text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (norad_id, epoch)
);

CREATE TABLE IF NOT EXISTS territories (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('country', 'region', 'emergency', 'resource')),
  -- The member that owns it; null for the seeded member countries, which nobody may change.
  member     text REFERENCES members (code),
  seeded     boolean NOT NULL DEFAULT false,
  geometry   geometry(MultiPolygon, 4326) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS territories_geometry_idx ON territories USING gist (geometry);
