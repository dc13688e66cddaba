-- Stored revisit windows: what the nightly job (and a refresh after TLE or territory changes)
-- computed for each territory over the next 14 days. /territories/{t}/revisit and /passes answer
-- from here at once when a request matches a stored window; other windows are computed on request
-- and not stored.
CREATE TABLE IF NOT EXISTS revisit_runs (
  id                    bigserial PRIMARY KEY,
  territory             text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  window_start          timestamptz NOT NULL,
  window_end            timestamptz NOT NULL CHECK (window_end > window_start),
  mode                  text NOT NULL CHECK (mode IN ('nadir', 'agile')),
  grid_km               double precision NOT NULL CHECK (grid_km > 0),
  sun_elevation_min_deg double precision NOT NULL CHECK (sun_elevation_min_deg BETWEEN -90 AND 90),
  -- Which satellites: 'pool', every SCO member's satellite with a swath.
  scope                 text NOT NULL,
  -- Digest of the inputs (the territory's version, the satellites and the epochs of their TLEs): a
  -- stored window whose inputs have changed since is computed afresh rather than answered.
  inputs_digest         text NOT NULL,
  -- The /revisit answer, and per grid point [longitude, latitude, visits, mean revisit h, largest gap h].
  report                jsonb NOT NULL,
  points                jsonb NOT NULL,
  computed_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (territory, window_start, window_end, mode, scope)
);

-- The predicted passes of a stored window: one row per pass of a satellite that sees some grid point.
CREATE TABLE IF NOT EXISTS passes (
  revisit_run          bigint NOT NULL REFERENCES revisit_runs (id) ON DELETE CASCADE,
  territory            text NOT NULL REFERENCES territories (id) ON DELETE CASCADE,
  norad_id             integer NOT NULL REFERENCES satellites (norad_id) ON DELETE CASCADE,
  -- First and last access among the grid points seen on the pass.
  start_at             timestamptz NOT NULL,
  end_at               timestamptz NOT NULL,
  -- Share of the territory's grid points seen.
  share                double precision NOT NULL CHECK (share > 0 AND share <= 1),
  -- Closest approach of the ground track to the territory's centre, and the off-nadir angle needed then.
  centre_time          timestamptz,
  centre_distance_km   double precision,
  centre_off_nadir_deg double precision,
  PRIMARY KEY (revisit_run, norad_id, start_at)
);

CREATE INDEX IF NOT EXISTS passes_territory_start_idx ON passes (territory, start_at);
