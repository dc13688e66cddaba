-- Keep the item's short promoted values in its row, and index the id on its own.
--
-- With toast_tuple_target = 128 (0004), PostgreSQL moves values of extended storage out of the row
-- until the row fits in 128 bytes, largest first, and any value longer than a TOAST pointer (about
-- 20 bytes) qualifies. The row never fits (the footprint alone is longer, and stays in the row), so
-- after the document and its links the id, the instruments and any long collection, platform,
-- constellation or member went to TOAST too. Reading one cost a TOAST look-up: at 1,000,000 items,
-- 4.8 s to read every id against 0.7 s for a number, so sorting by id took 8.6 s and a search by ids
-- without collections 150 ms. Storage MAIN keeps them in the row; a value leaves it only when the
-- row would exceed a page.
ALTER TABLE items
  ALTER COLUMN collection SET STORAGE MAIN,
  ALTER COLUMN id SET STORAGE MAIN,
  ALTER COLUMN platform SET STORAGE MAIN,
  ALTER COLUMN constellation SET STORAGE MAIN,
  ALTER COLUMN instruments SET STORAGE MAIN,
  ALTER COLUMN member SET STORAGE MAIN;
-- Storage applies to rows as they are written: rewrite the rows already stored, in the default
-- order (newest first), which the searches walking that order then read from neighbouring pages.
-- The rewrite rebuilds every index; on an empty catalog it costs nothing.
CLUSTER items USING items_sort_idx;
-- The id first, then the collection: a search by ids without collections, and sortby id, read it
-- rather than every item (the primary key starts with the collection).
CREATE INDEX IF NOT EXISTS items_id_idx ON items (id, collection);
ANALYZE items;
