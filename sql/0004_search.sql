-- Item search (src/catalog/search/): storage and indexes shaped for the STAC API searches, and the
-- property keys of each collection for /queryables.

-- Keep heap rows small: the document moves to TOAST storage, so that a search filtering on the
-- promoted columns and the geometry reads few pages, and fetches documents only for the rows it
-- returns. The geometry stays in the row, since nearly every search tests it.
ALTER TABLE items SET (toast_tuple_target = 128);
ALTER TABLE items ALTER COLUMN geometry SET STORAGE MAIN;

-- Place and time together: the footprint's box and the item's time range as one 3-D box
-- (longitude, latitude, days since 1970) in an n-D R-tree, so that a search by area and date finds
-- its candidates without visiting every scene ever taken of the area, or every scene of the month
-- anywhere. The range is [start_datetime ?? datetime, end_datetime ?? datetime]; LEAST/GREATEST keep
-- a document whose datetime lies outside its own range indexable. src/catalog/search/item-extent.ts
-- writes the same expression.
CREATE INDEX IF NOT EXISTS items_space_time_idx ON items USING gist ((ST_MakeLine(
  ST_MakePoint(ST_XMin(geometry::box2d), ST_YMin(geometry::box2d),
               date_part('epoch', LEAST(interval_start, interval_end) - '1970-01-01 00:00:00+00'::timestamptz) / 86400),
  ST_MakePoint(ST_XMax(geometry::box2d), ST_YMax(geometry::box2d),
               date_part('epoch', GREATEST(interval_start, interval_end) - '1970-01-01 00:00:00+00'::timestamptz) / 86400)
)) gist_geometry_ops_nd);
-- Time alone: a window without a place.
CREATE INDEX IF NOT EXISTS items_interval_idx ON items USING gist (
  tstzrange(LEAST(interval_start, interval_end), GREATEST(interval_start, interval_end), '[]')
);
-- Items with both a datetime and a range: the only ones whose place in the default order (their
-- datetime) may lie after the end of a window they overlap. A search walking the default order
-- from a window's end takes them from here.
CREATE INDEX IF NOT EXISTS items_ranged_sort_idx ON items (sort_datetime DESC, collection, id)
  WHERE datetime IS NOT NULL AND (start_datetime IS NOT NULL OR end_datetime IS NOT NULL);
-- One collection in the default order (GET /collections/{c}/items and collections=[c]).
CREATE INDEX IF NOT EXISTS items_collection_sort_idx ON items (collection, sort_datetime DESC, id);
-- The platform, which filters name most: walked in the default order when matches are dense, and
-- alone (deduplicated, a few pages per platform) to be AND-ed with the geometry when they are not.
CREATE INDEX IF NOT EXISTS items_platform_sort_idx ON items (platform, sort_datetime DESC, collection, id);
CREATE INDEX IF NOT EXISTS items_platform_idx ON items (platform);
-- The cloud cover, walked for sortby.
CREATE INDEX IF NOT EXISTS items_cloud_cover_idx ON items (cloud_cover, collection, id);

-- Every property key (and the JSON types it takes) present in a collection's items: /queryables
-- lists them without scanning the items. Keys are added as items are written; a key whose last item
-- is deleted stays listed, which only lets a filter on it match nothing.
CREATE TABLE IF NOT EXISTS item_property_keys (
  collection text NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  name       text NOT NULL,
  json_type  text NOT NULL,
  PRIMARY KEY (collection, name, json_type)
);

CREATE OR REPLACE FUNCTION eopool_record_property_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO item_property_keys (collection, name, json_type)
  SELECT DISTINCT w.collection, p.key, jsonb_typeof(p.value)
  FROM written w, jsonb_each(CASE WHEN jsonb_typeof(w.content -> 'properties') = 'object'
                                  THEN w.content -> 'properties' ELSE '{}'::jsonb END) p
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- One statement-level trigger per event (transition tables allow only one event per trigger): a
-- batch of a thousand items costs one grouped insert, not a thousand.
DROP TRIGGER IF EXISTS items_property_keys_insert ON items;
CREATE TRIGGER items_property_keys_insert AFTER INSERT ON items
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION eopool_record_property_keys();
DROP TRIGGER IF EXISTS items_property_keys_update ON items;
CREATE TRIGGER items_property_keys_update AFTER UPDATE ON items
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION eopool_record_property_keys();

INSERT INTO item_property_keys (collection, name, json_type)
SELECT DISTINCT i.collection, p.key, jsonb_typeof(p.value)
FROM items i, jsonb_each(CASE WHEN jsonb_typeof(i.content -> 'properties') = 'object'
                              THEN i.content -> 'properties' ELSE '{}'::jsonb END) p
ON CONFLICT DO NOTHING;

-- A JSON string as a timestamp, or null when it is not one: filters compare non-promoted
-- properties with timestamps without failing on a document whose value is some other text.
CREATE OR REPLACE FUNCTION eopool_try_timestamptz(value text) RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  IF value IS NULL OR value !~ '^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$' THEN
    RETURN NULL;
  END IF;
  RETURN value::timestamptz;
EXCEPTION WHEN others THEN
  RETURN NULL;
END
$$;

-- Searches are short statements that must answer in milliseconds: compiling them to machine code
-- (JIT) or starting parallel workers costs more than it saves (tens of milliseconds each, measured
-- on 1,000,000 items). Applies to new sessions; a role without the right to change the database's
-- defaults keeps the server's, which changes speed, not results.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
  EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
EXCEPTION WHEN OTHERS THEN
  NULL;
END
$$;
