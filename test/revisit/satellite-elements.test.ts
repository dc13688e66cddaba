import t from 'tap';
import { loadSatellitesForWindow } from '../../src/revisit/satellite-elements.js';
import { createTestDatabase } from '../helpers/test-app.js';

const { db } = await createTestDatabase(t);

t.test('the pool is the SCO members\' satellites with a swath, each with the TLE nearest the window', async (t) => {
  const window = { start: new Date('2026-05-08T00:00:00Z'), end: new Date('2026-05-15T00:00:00Z') };
  const { satellites, skipped, unknown } = await loadSatellitesForWindow(db, {}, window);
  t.equal(unknown.length, 0);
  t.ok(satellites.length > 30, `${satellites.length} pool satellites`);
  t.ok(satellites.every((s) => ['CN', 'RU', 'IN', 'KZ', 'PK', 'IR'].includes(String(s.member))), 'no reference satellite');
  t.notOk(satellites.some((s) => s.norad_id === 40697), 'Sentinel-2A only when named');
  t.same(skipped, [], 'every seeded pool satellite has a swath');
  const kazeosat = satellites.find((s) => s.name === 'KAZEOSAT 1');
  t.ok(kazeosat !== undefined && kazeosat.tle_age_days < 10, 'the 2026 TLE is used for a 2026 window');
});

t.test('a 2024 window uses the 2024 reference TLE of a named reference satellite', async (t) => {
  const window = { start: new Date('2024-10-05T00:00:00Z'), end: new Date('2024-11-04T00:00:00Z') };
  const { satellites, unknown } = await loadSatellitesForWindow(db, { satellites: [40697, 42063, 1] }, window);
  t.same(unknown, [1]);
  t.same(satellites.map((s) => s.norad_id), [40697, 42063]);
  // Epoch 24279.17255390 = 2024-10-05T04:08:28Z; the window's far edge is 30 days later.
  t.equal(satellites[0]?.tle_epoch.slice(0, 16), '2024-10-05T04:08');
  t.ok(Math.abs((satellites[0]?.tle_age_days ?? 0) - 29.83) < 0.01);
  t.equal(satellites[0]?.member, 'EU', 'a reference satellite keeps its operator code');
});

t.test('members and sensor narrow the pool', async (t) => {
  const window = { start: new Date('2026-05-08T00:00:00Z'), end: new Date('2026-05-09T00:00:00Z') };
  const sar = await loadSatellitesForWindow(db, { sensor: 'sar' }, window);
  t.ok(sar.satellites.length > 0 && sar.satellites.every((s) => s.sensor === 'sar'));
  const kz = await loadSatellitesForWindow(db, { members: ['KZ'] }, window);
  t.same(kz.satellites.map((s) => s.name).sort(), ['KAZEOSAT 1', 'KAZEOSAT 2']);
  const none = await loadSatellitesForWindow(db, { members: ['BY'] }, window);
  t.same(none.satellites, []);
});
