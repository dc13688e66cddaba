-- Place and time over a long period, faster: the footprint and the time span as two 2-D boxes in one
-- GiST, replacing 0012's (footprint, tstzrange) GiST.
--
-- Both columns use PostGIS's 2-D operator class, whose keys are four float4 each and whose tests
-- are a few comparisons, where the range column's were calls through the range type's support
-- functions on variable-length keys. The time span is the x extent of a line, in days since 1970
-- (the n-D index's unit), [start_datetime ?? datetime, end_datetime ?? datetime] as 0004 defines it;
-- the search tests the exact range afterwards. The line climbs from y 0 to 1 so that its boxes have
-- a height: PostGIS estimates from a histogram of the boxes, and boxes flat on y = 0 made it expect
-- 1 match where 179,723 lay, which sent a search by two boxes (across the antimeridian) into a scan
-- of the time column alone (480 ms instead of 3). Measured at 1,000,000 items, a year over a 4 by 3
-- degree box (1,994 candidates): 14.0 ms against 11.0 ms in the index and the rows, with an index
-- built item by item as ingest builds it (88 MB against 105 MB); built at once, as here on a filled
-- catalog, 9.0 ms and 63 MB. src/catalog/search/item-extent.ts writes the same expression.
CREATE INDEX IF NOT EXISTS items_footprint_timeline_idx ON items USING gist (
  geometry,
  (ST_MakeLine(
    ST_MakePoint(date_part('epoch', LEAST(interval_start, interval_end) - '1970-01-01 00:00:00+00'::timestamptz) / 86400, 0),
    ST_MakePoint(date_part('epoch', GREATEST(interval_start, interval_end) - '1970-01-01 00:00:00+00'::timestamptz) / 86400, 1)))
);
DROP INDEX IF EXISTS items_footprint_time_idx;
-- The planner's estimates of the new expression come from its statistics: gather them now rather
-- than at the next ANALYZE, which on a catalog that is not being written may be far off.
ANALYZE items;
