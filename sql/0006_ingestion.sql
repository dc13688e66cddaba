-- Ingestion from members: the STAC APIs eopool harvests, and every document it was sent and could
-- not store (nothing is dropped silently). Runs of a harvest are rows of job_runs (job
-- 'harvest:<source id>'), so /jobs lists them with the scheduled work.
CREATE TABLE IF NOT EXISTS harvest_sources (
  id              text PRIMARY KEY,
  member          text NOT NULL REFERENCES members (code),
  -- The remote STAC API's root (landing page) URL.
  url             text NOT NULL,
  -- {"remote collection id": "local collection id", ...}
  collections     jsonb NOT NULL,
  -- CQL2 JSON the remote search is restricted by, or null.
  filter          jsonb,
  -- A cron expression (UTC), or null for runs on demand only.
  schedule        text,
  -- An incremental run asks for items ingested since cursor_at minus this, so that remote
  -- transactions committed late with earlier timestamps are not missed.
  overlap_seconds integer NOT NULL DEFAULT 300 CHECK (overlap_seconds >= 0),
  -- The remote's time when the last completed run began; advanced only when a run completes.
  cursor_at       timestamptz,
  -- The next request of an unfinished run (a run that failed or whose process died), stored in
  -- the same transaction as the page before it, so a later run resumes there.
  position        jsonb,
  -- The run (job_runs.id) holding the source, the process it runs in, and its last sign of life:
  -- one run at a time per source, across replicas.
  running_run     bigint,
  run_owner       text,
  heartbeat_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS rejected_items (
  id          bigserial PRIMARY KEY,
  -- What sent it, e.g. 'harvest:<source id>'.
  source      text NOT NULL,
  -- The run (job_runs.id) that received it, when it came in a run.
  run_id      bigint,
  -- The local collection it was meant for, and its id when it had a usable one.
  collection  text,
  item_id     text,
  code        text NOT NULL,
  reason      text NOT NULL,
  document    jsonb NOT NULL,
  rejected_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS rejected_items_source_idx ON rejected_items (source, id DESC);
