-- Bulk ingest (src/ingest/ingest-ndjson.ts): what lets item batches be written fast and two at a time.

-- Two batches may now be written at once (on PostgreSQL). Both insert into item_property_keys the new
-- keys they bring; a key inserted by one transaction and not yet committed makes the other wait for
-- it, so two transactions taking the same new keys in different orders would deadlock. Sorted, every
-- transaction takes them in the same order and one merely waits for the other. Otherwise as in 0004.
CREATE OR REPLACE FUNCTION eopool_record_property_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_property_keys (collection, name, json_type)
  SELECT DISTINCT w.collection, p.key, jsonb_typeof(p.value)
  FROM written w, jsonb_each(CASE WHEN jsonb_typeof(w.content -> 'properties') = 'object'
                                  THEN w.content -> 'properties' ELSE '{}'::jsonb END) p
  ORDER BY 1, 2, 3
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- An item's member is always read from a row that already references members (its collection's owner,
-- from authorizeCollectionWrite, or the harvest source that owns the collection), and members are
-- seeded reference data that is never deleted. The per-row check of items.member took 5 to 7 % of the statement's time
-- (EXPLAIN ANALYZE of 1,000-item batches on PostgreSQL 15) and guarded nothing that the collection's
-- own reference does not.
ALTER TABLE items DROP CONSTRAINT IF EXISTS items_member_fkey;

-- Documents are compressed into TOAST storage on every write (0004 moves them out of the row), and
-- pglz, the default, was an eighth of the server's time per written item (perf, PostgreSQL 15): lz4
-- brought the server's CPU per item down by about 15 %, and decompresses faster for search answers
-- too, for slightly larger documents. Only servers built with lz4 have it (Debian's do; PGlite does
-- not): elsewhere documents stay pglz. Applies to documents written from now on.
DO $$
BEGIN
  ALTER TABLE items ALTER COLUMN content SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
