import t from 'tap';
import { createHarvestSource, findOrCreateHarvestSource, getHarvestSource } from '../../../src/ingest/harvest/index.js';
import { readItems } from '../../helpers/stac-fixtures.js';
import { createTestApp } from '../../helpers/test-app.js';
import { runnerFor, startProxy, startRemoteEopool, storedIds, withoutFilterAndSort, withoutItemSearch } from './harvest-fixtures.js';

const ADMIN = { keyId: 'test', member: null, role: 'admin' } as const;
const remote = await startRemoteEopool(t);
const pgstacItems = readItems('pgstac-testdata');
const s2Items = readItems('earth-search-s2-l2a-cogs');
await remote.seed('pgstac-testdata', 'pgstac-test-collection', pgstacItems);
await remote.seed('earth-search-s2-l2a-cogs', 'sentinel-s2-l2a-cogs', s2Items);
const local = await createTestApp(t, { EOPOOL_ALLOWED_HOSTS: '127.0.0.1' });
const { db } = local.services;
const runner = runnerFor(t, local, { pageSize: 17 });
const allowedHosts = ['127.0.0.1'];
// The cursor is the remote's clock (1 s resolution) when a run begins: start the runs in a later second.
await new Promise((resolve) => setTimeout(resolve, 1100));

async function source(url: string, locals: [string, string], overlapSeconds = 0) {
  return createHarvestSource(
    db,
    { member: 'KZ', url, collections: { 'pgstac-test-collection': locals[0], 'sentinel-s2-l2a-cogs': locals[1] }, overlapSeconds },
    { principal: ADMIN, allowedHosts },
  );
}

t.test('a first run stores every item of the mapped collections, creating the local collections from the remote ones', async (t) => {
  const created = await source(remote.url, ['kz-pgstac', 'kz-s2']);
  const run = await runner.run(created.id);
  t.equal(run.state, 'succeeded', run.error ?? '');
  t.match(run.counts, { mode: 'incremental', resumed: false, fetched: 200, stored: 200, unchanged: 0, rejected: 0, completed: true });
  t.same([...(run.counts.createdCollections as string[])].sort(), ['kz-pgstac', 'kz-s2']);
  t.same(await storedIds(local, 'kz-pgstac'), pgstacItems.map((i) => String(i.id)).sort());
  t.same(await storedIds(local, 'kz-s2'), s2Items.map((i) => String(i.id)).sort());
  const owners = await db.selectFrom('collections').select(['id', 'member']).where('id', 'in', ['kz-pgstac', 'kz-s2']).execute();
  t.same(owners.map((o) => o.member), ['KZ', 'KZ'], 'owned by the source member');
  const mine = (await local.app.inject({ url: '/collections/kz-s2/items/S2B_1CCV_20181004_0_L2A' })).json();
  const theirs = (await remote.remote.app.inject({ url: '/collections/sentinel-s2-l2a-cogs/items/S2B_1CCV_20181004_0_L2A' })).json();
  t.same({ ...mine, links: undefined, collection: undefined }, { ...theirs, links: undefined, collection: undefined }, 'the document is the remote one');
  t.equal(mine.collection, 'kz-s2');
  const after = await getHarvestSource(db, created.id);
  t.equal(after.position, null, 'no position left');
  t.ok(after.cursor !== null && Date.parse(after.cursor) <= Date.now(), 'the cursor advanced');
  t.equal(after.runningRun, null);
});

t.test('a second run fetches only what was added or changed at the remote since the first', async (t) => {
  const created = await source(remote.url, ['kz-pgstac-2', 'kz-s2-2']);
  t.equal((await runner.run(created.id)).counts.fetched, 200);
  const cursor = (await getHarvestSource(db, created.id)).cursor;
  const added = s2Items.slice(0, 3).map((item) => ({ ...item, id: `${String(item.id)}-new` }));
  await remote.add('sentinel-s2-l2a-cogs', added);
  const changed: Record<string, unknown> = { ...pgstacItems[0]!, properties: { ...(pgstacItems[0]!.properties as object), 'eo:cloud_cover': 1.5 } };
  await remote.add('pgstac-test-collection', [changed]);
  // Items stored in the second a run begins are asked again by the next run (the cursor has 1 s resolution).
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = await runner.run(created.id);
  t.equal(second.state, 'succeeded', second.error ?? '');
  t.match(second.counts, { mode: 'incremental', fetched: 4, stored: 4, unchanged: 0, rejected: 0 });
  t.equal((await storedIds(local, 'kz-s2-2')).length, 103);
  const stored = await db.selectFrom('items').select('cloud_cover').where('collection', '=', 'kz-pgstac-2').where('id', '=', String(changed.id)).executeTakeFirstOrThrow();
  t.equal(stored.cloud_cover, 1.5, 'the change arrived');
  t.ok(Date.parse((await getHarvestSource(db, created.id)).cursor!) >= Date.parse(cursor!), 'the cursor moved on');
  const third = await runner.run(created.id);
  t.match(third.counts, { fetched: 0, stored: 0 }, 'nothing new: nothing fetched');
});

t.test('a remote without item search is walked collection by collection, and a walk again stores nothing', async (t) => {
  const proxy = await startProxy(t, remote.url, { rewrite: (_path, json) => withoutItemSearch(json) });
  const created = await source(proxy.url, ['kz-pgstac-3', 'kz-s2-3']);
  const first = await runner.run(created.id);
  t.equal(first.state, 'succeeded', first.error ?? '');
  t.match(first.counts, { mode: 'features', fetched: 203, stored: 203 });
  t.ok(proxy.requests.some((r) => r.startsWith('GET /collections/sentinel-s2-l2a-cogs/items')));
  t.notOk(proxy.requests.some((r) => r.includes('/search')), 'no search asked');
  const again = await runner.run(created.id);
  t.match(again.counts, { mode: 'features', fetched: 203, stored: 0, unchanged: 203 }, 'idempotent upserts');
});

t.test('a remote without filter and sort is searched whole', async (t) => {
  const proxy = await startProxy(t, remote.url, { rewrite: (_path, json) => withoutFilterAndSort(json) });
  const created = await source(proxy.url, ['kz-pgstac-4', 'kz-s2-4']);
  const first = await runner.run(created.id);
  t.equal(first.state, 'succeeded', first.error ?? '');
  t.match(first.counts, { mode: 'search', fetched: 203, stored: 203 });
  t.ok(proxy.requests.some((r) => r.startsWith('POST /search')));
});

t.test('items failing validation go to rejected_items with the reason and the document as sent', async (t) => {
  let tampered = false;
  const proxy = await startProxy(t, remote.url, {
    rewrite: (path, json) => {
      if (!path.startsWith('/search') || tampered || !Array.isArray(json.features)) return json;
      tampered = true;
      json.features[0].properties.datetime = 'yesterday';
      json.features[1].collection = 'not-mapped';
      return json;
    },
  });
  const created = await source(proxy.url, ['kz-pgstac-5', 'kz-s2-5']);
  const run = await runner.run(created.id);
  t.equal(run.state, 'succeeded', run.error ?? '');
  t.match(run.counts, { fetched: 203, stored: 201, rejected: 2 });
  const rejected = await db.selectFrom('rejected_items').selectAll().where('source', '=', `harvest:${created.id}`).orderBy('id').execute();
  t.equal(rejected.length, 2);
  t.match(rejected[0], { run_id: run.id, collection: /^kz-/, code: 'InvalidItem', reason: /datetime/ });
  t.equal((rejected[0]!.document as any).properties.datetime, 'yesterday', 'the raw document is kept');
  t.match(rejected[1], { collection: null, code: 'UnmappedCollection' });
});

t.test('a source filter is sent to the remote search', async (t) => {
  const created = await createHarvestSource(
    db,
    {
      member: 'KZ',
      url: remote.url,
      collections: { 'sentinel-s2-l2a-cogs': 'kz-s2-6' },
      filter: { op: '<', args: [{ property: 'eo:cloud_cover' }, 10] },
    },
    { principal: ADMIN, allowedHosts },
  );
  const run = await runner.run(created.id);
  t.equal(run.state, 'succeeded', run.error ?? '');
  const expected = s2Items.filter((i) => ((i.properties as any)['eo:cloud_cover'] ?? 100) < 10).length;
  t.ok(expected > 0 && expected < 100, `${expected} of 100 items pass the filter`);
  t.equal(run.counts.fetched, expected);
});

t.test('the command line finds the source of the same member, URL, collections and filter, so it continues incrementally', async (t) => {
  const input = { member: 'KZ', url: `${remote.url}/`, collections: { 'sentinel-s2-l2a-cogs': 'kz-cli' } };
  const context = { principal: ADMIN, allowedHosts };
  const first = await findOrCreateHarvestSource(db, input, context);
  t.equal((await findOrCreateHarvestSource(db, { ...input, url: remote.url }, context)).id, first.id);
  t.not((await findOrCreateHarvestSource(db, { ...input, collections: { 'sentinel-s2-l2a-cogs': 'kz-cli-2' } }, context)).id, first.id);
  t.not((await findOrCreateHarvestSource(db, { ...input, filter: { op: '=', args: [{ property: 'platform' }, 'x'] } }, context)).id, first.id);
});
