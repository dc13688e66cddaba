-- Items whose datetime lies after their own range (STAC does not forbid it): the only ones whose
-- place in the default order (their datetime) lies after every instant of the range that places
-- them in time. A first page read from the newest part of its window takes them from here, since
-- the space-time indexes know only their range. In a catalog without such items the index is empty
-- and costs no write anything.
CREATE INDEX IF NOT EXISTS items_datetime_after_range_idx ON items (sort_datetime DESC, collection, id)
  WHERE datetime > GREATEST(interval_start, interval_end);
