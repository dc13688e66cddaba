-- Scheduled and background work. A (job, slot) row is inserted with ON CONFLICT DO NOTHING before a
-- run, which elects exactly one replica per slot; the same row then records the run.
CREATE TABLE IF NOT EXISTS job_runs (
  id          bigserial PRIMARY KEY,
  job         text NOT NULL,
  slot        text NOT NULL,
  state       text NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'skipped')),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  counts      jsonb NOT NULL DEFAULT '{}'::jsonb,
  error       text,
  UNIQUE (job, slot)
);

CREATE INDEX IF NOT EXISTS job_runs_started_idx ON job_runs (started_at DESC);
