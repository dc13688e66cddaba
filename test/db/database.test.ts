import { sql } from 'kysely';
import t from 'tap';
import { DATABASE_COLUMNS, migrate } from '../../src/db/index.js';
import { createTestDatabase } from '../helpers/test-app.js';

const database = await createTestDatabase(t);
const { db } = database;

t.test('the Database types name exactly the live columns of every table', async (t) => {
  const rows = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ANY(${Object.keys(DATABASE_COLUMNS)})`.execute(db);
  for (const [table, columns] of Object.entries(DATABASE_COLUMNS)) {
    const live = rows.rows.filter((r) => r.table_name === table).map((r) => r.column_name).sort();
    t.same(live, [...columns].sort(), `columns of ${table}`);
  }
});

t.test('a second migrate applies nothing', async (t) => {
  t.same(await migrate(db), []);
  const recorded = await db.selectFrom('eopool_migrations').select('name').orderBy('name').execute();
  t.ok(recorded.length >= 3, 'the migrations are recorded');
  t.equal(recorded[0]?.name, '0001_catalog.sql');
});

t.test('the reference data is seeded: ten members, their territories, every satellite', async (t) => {
  const members = await db.selectFrom('members').select('code').orderBy('code').execute();
  t.same(members.map((m) => m.code), ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
  const territories = await sql<{ id: string; km2: number; valid: boolean }>`
    SELECT id, ST_Area(geometry::geography) / 1e6 AS km2, ST_IsValid(geometry) AS valid FROM territories WHERE seeded ORDER BY id`.execute(db);
  t.equal(territories.rows.length, 10);
  // Spherical areas from shared/data/SOURCES.md (thousand km²); the geodesic area agrees within 1 %.
  const expectedThousandKm2: Record<string, number> = { BY: 207, CN: 9373, IN: 3159, IR: 1623, KG: 199, KZ: 2706, PK: 874, RU: 16886, TJ: 142, UZ: 447 };
  for (const row of territories.rows) {
    const expected = expectedThousandKm2[row.id] ?? NaN;
    t.ok(Math.abs(row.km2 / 1000 - expected) / expected < 0.01, `${row.id}: ${Math.round(row.km2 / 1000)} thousand km² vs ${expected}`);
  }
  const satellites = await db.selectFrom('satellites').select(['norad_id', 'member', 'operator', 'tle_epoch']).execute();
  t.equal(satellites.length, 41);
  const sentinel2a = satellites.find((s) => s.norad_id === 40697);
  t.equal(sentinel2a?.operator, 'EU');
  t.equal(sentinel2a?.member, null, 'a reference satellite is not in the pool');
  t.equal(satellites.find((s) => s.operator === 'KZ')?.member, 'KZ');
  // Epoch of 1 40697U 15028A 26127.79507169: day 127.79507169 of 2026.
  t.equal(sentinel2a?.tle_epoch.toISOString(), '2026-05-07T19:04:54.194Z');
  const history = await db.selectFrom('tle_history').select(['epoch']).where('norad_id', '=', 40697).orderBy('epoch').execute();
  t.equal(history.length, 2, 'the 2024 reference TLE is kept in the history');
  t.equal(history[0]?.epoch.toISOString().slice(0, 10), '2024-10-05');
});
