// An item's row keeps its promoted values: only its document and its links go to TOAST storage
// (sql/0014), so that a search reading ids, collections or instruments of many items does not pay a
// TOAST look-up for each.
import { sql } from 'kysely';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';

const { app, auth, database } = await createTestApp(t);
const db = database.db;
const key = await auth('member', 'KZ');

// Every value well over the 20 or so bytes beyond which a value may leave its row.
const collection = 'kz-kazeosat-1-level-2-orthorectified';
const id = 'KazEOSat-1_MSS_20240517T061523_L2_ORTHO_0042';
const links = [1, 2, 3].map((n) => ({ rel: 'derived_from', href: `https://archive.gharysh.kz/scenes/KazEOSat-1/2024/05/17/source-${n}.json` }));

t.before(async () => {
  const created = await app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection(collection) });
  if (created.statusCode !== 201) throw new Error(`creating the collection answered ${created.statusCode}: ${created.body}`);
  const item = exampleItem(id, collection);
  item.links = links;
  Object.assign(item.properties as Record<string, unknown>, {
    platform: 'kazeosat-1-medium-resolution',
    constellation: 'kazakhstan-earth-observation-system',
    instruments: ['multispectral-scanner', 'panchromatic-camera'],
  });
  const written = await app.inject({ method: 'POST', url: `/collections/${collection}/items`, headers: key, payload: item });
  if (written.statusCode !== 201) throw new Error(`writing the item answered ${written.statusCode}: ${written.body}`);
});

t.test('the document and its links are the only values of the item in TOAST', async (t) => {
  const toast = (await sql<{ name: string }>`SELECT reltoastrelid::regclass::text AS name FROM pg_class WHERE oid = 'items'::regclass`.execute(db)).rows[0]?.name;
  if (toast === undefined) throw new Error('items has no TOAST table');
  const values = await sql<{ bytes: number }>`SELECT sum(octet_length(chunk_data))::int AS bytes FROM ${sql.table(toast)} GROUP BY chunk_id ORDER BY 1`.execute(db);
  const stored = await sql<{ document: number; links: number }>`
    SELECT pg_column_size(content) AS document, pg_column_size(links) AS links FROM items WHERE collection = ${collection} AND id = ${id}`.execute(db);
  const { document, links: linkBytes } = stored.rows[0] ?? { document: -1, links: -1 };
  t.same(
    values.rows.map((r) => r.bytes),
    [document, linkBytes].sort((a, b) => a - b),
    'two values in TOAST, of the stored sizes of the document and the links',
  );
});

t.test('the item reads back whole', async (t) => {
  const response = await app.inject({ method: 'GET', url: `/collections/${collection}/items/${id}` });
  t.equal(response.statusCode, 200);
  const item = response.json() as { id: string; collection: string; properties: Record<string, unknown>; links: { href: string }[] };
  t.equal(item.id, id);
  t.equal(item.collection, collection);
  t.same(item.properties.instruments, ['multispectral-scanner', 'panchromatic-camera']);
  t.ok(links.every((l) => item.links.some((m) => m.href === l.href)), 'its own links among the served ones');
});
