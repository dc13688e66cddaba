import fs from 'node:fs';
import t from 'tap';
import { tleChecksum } from '../../src/orbits/index.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, admin, auth, database } = await createTestApp(t);
const { db } = database;

const fixtures = JSON.parse(fs.readFileSync(new URL('../../fixtures/satellites.json', import.meta.url), 'utf8')) as {
  satellites: { norad_id: number; tle: [string, string] }[];
};
// KAZEOSAT 1 as seeded: epoch 26127.77836896 = 2026-05-07T18:40:51.078Z.
const KAZEOSAT_1 = fixtures.satellites.find((s) => s.norad_id === 39731)!.tle;

/** Line 1 with its epoch year and day (columns 19-32) replaced and the checksum recomputed. */
function withEpochDay(line1: string, epochDay: string): string {
  const body = `${line1.slice(0, 18)}${epochDay}${line1.slice(32, 68)}`;
  return `${body}${tleChecksum(body)}`;
}

function withBadChecksum(line: string): string {
  return `${line.slice(0, 68)}${(Number(line[68]) + 1) % 10}`;
}

const newSatellite = (overrides: Record<string, unknown> = {}) => ({
  name: 'TEST SAT',
  norad_id: 39731,
  member: 'KZ',
  sensor: 'optical',
  instrument: 'test imager',
  swath_km: 30,
  field_of_regard_deg: 25,
  gsd_m: 5,
  tle: [...KAZEOSAT_1],
  swath_source: 'a test',
  ...overrides,
});

t.test('GET /satellites lists the registry with TLE epoch and age, filtered by member and sensor', async (t) => {
  const all = (await app.inject({ url: '/satellites' })).json().satellites;
  t.equal(all.length, 41);
  const sentinel = all.find((s: any) => s.norad_id === 40697);
  t.match(sentinel, { name: 'SENTINEL-2A', member: 'EU', reference: true, swath_km: 290, tle_epoch: '2026-05-07T19:04:54.194Z' });
  t.ok(sentinel.tle_age_days > 0, 'the age is counted to now');
  const kz = (await app.inject({ url: '/satellites?member=KZ' })).json().satellites;
  t.same(kz.map((s: any) => s.name).sort(), ['KAZEOSAT 1', 'KAZEOSAT 2']);
  const sar = (await app.inject({ url: '/satellites?sensor=sar' })).json().satellites;
  t.ok(sar.length > 0 && sar.every((s: any) => s.sensor === 'sar'));
  t.equal((await app.inject({ url: '/satellites?colour=red' })).statusCode, 400, 'unknown parameters are refused');
});

t.test('GET /satellites/{norad_id} answers one satellite, 404 SatelliteNotFound otherwise', async (t) => {
  const one = await app.inject({ url: '/satellites/39731' });
  t.equal(one.statusCode, 200);
  t.match(one.json(), { name: 'KAZEOSAT 1', member: 'KZ', sensor: 'optical', tle: [...KAZEOSAT_1], tle_epoch: '2026-05-07T18:40:51.078Z' });
  const missing = await app.inject({ url: '/satellites/99999' });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'SatelliteNotFound');
});

t.test('POST /satellites: the operating member or an admin registers; others are refused', async (t) => {
  const kzKey = await auth('member', 'KZ');
  const cnKey = await auth('member', 'CN');
  const noradId = 90001;
  const line1 = `1 ${noradId}${KAZEOSAT_1[0].slice(7, 68)}`;
  const line2 = `2 ${noradId}${KAZEOSAT_1[1].slice(7, 68)}`;
  const tle = [`${line1}${tleChecksum(line1)}`, `${line2}${tleChecksum(line2)}`];
  const body = newSatellite({ norad_id: noradId, tle, swath_km: null });

  t.equal((await app.inject({ method: 'POST', url: '/satellites', payload: body })).statusCode, 401);
  const foreign = await app.inject({ method: 'POST', url: '/satellites', headers: cnKey, payload: body });
  t.equal(foreign.statusCode, 403, "a member may not register another operator's satellite");
  const created = await app.inject({ method: 'POST', url: '/satellites', headers: kzKey, payload: body });
  t.equal(created.statusCode, 201);
  t.match(created.json(), { norad_id: noradId, member: 'KZ', swath_km: null, tle_epoch: '2026-05-07T18:40:51.078Z' });
  t.match(created.headers.location, /\/satellites\/90001$/);
  const again = await app.inject({ method: 'POST', url: '/satellites', headers: admin, payload: body });
  t.equal(again.statusCode, 409);
  t.equal(again.json().code, 'SatelliteExists');
  const history = await db.selectFrom('tle_history').select('epoch').where('norad_id', '=', noradId).execute();
  t.equal(history.length, 1, 'the TLE joins the history');

  const reference = await app.inject({
    method: 'POST',
    url: '/satellites',
    headers: admin,
    payload: newSatellite({ norad_id: 90002, tle: tle.map((l) => l.replace('90001', '90002').slice(0, 68)).map((l) => `${l}${tleChecksum(l)}`), member: 'JP' }),
  });
  t.equal(reference.statusCode, 201, 'an admin registers a satellite of an operator outside the SCO');
  const pool = (await app.inject({ url: '/satellites?member=JP' })).json().satellites;
  t.equal(pool.length, 1);
});

t.test('POST /satellites with a broken TLE is a 400 InvalidTle naming the line and check', async (t) => {
  const bad = await app.inject({
    method: 'POST',
    url: '/satellites',
    headers: admin,
    payload: newSatellite({ norad_id: 90003, tle: [KAZEOSAT_1[0], withBadChecksum(KAZEOSAT_1[1])] }),
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { code: 'InvalidTle', line: 2, check: 'checksum' });
  const otherId = await app.inject({ method: 'POST', url: '/satellites', headers: admin, payload: newSatellite({ norad_id: 90004 }) });
  t.match(otherId.json(), { code: 'InvalidTle', check: 'norad-id' }, 'a TLE of another NORAD id');
  const extra = await app.inject({ method: 'POST', url: '/satellites', headers: admin, payload: { ...newSatellite({ norad_id: 90005 }), colour: 'red' } });
  t.equal(extra.statusCode, 400, 'unknown fields are refused');
});

t.test('PUT /satellites/{norad_id} replaces the description; an older TLE joins the history only', async (t) => {
  const current = (await app.inject({ url: '/satellites/40010' })).json();
  const older = [withEpochDay(current.tle[0], '26100.00000000'), current.tle[1]];
  const { tle_epoch: _epoch, tle_age_days: _age, ...entry } = current;
  const replaced = await app.inject({
    method: 'PUT',
    url: '/satellites/40010',
    headers: await auth('member', 'KZ'),
    payload: { ...entry, swath_km: 80, tle: older },
  });
  t.equal(replaced.statusCode, 200);
  t.equal(replaced.json().swath_km, 80);
  t.equal(replaced.json().tle_epoch, current.tle_epoch, 'the newer stored TLE stays current');
  const history = await db.selectFrom('tle_history').select('epoch').where('norad_id', '=', 40010).orderBy('epoch').execute();
  t.equal(history[0]?.epoch.toISOString(), '2026-04-10T00:00:00.000Z', 'the older one is kept for past windows');
  const mismatch = await app.inject({ method: 'PUT', url: '/satellites/40010', headers: admin, payload: { ...entry, norad_id: 39731 } });
  t.equal(mismatch.json().code, 'IdMismatch');
  const foreign = await app.inject({ method: 'PUT', url: '/satellites/40010', headers: await auth('member', 'RU'), payload: entry });
  t.equal(foreign.statusCode, 403);
  const missing = await app.inject({ method: 'PUT', url: '/satellites/99998', headers: admin, payload: { ...entry, norad_id: 99998 } });
  t.equal(missing.statusCode, 404);
});

t.test('POST /satellites/tle applies a CelesTrak 3-line file entry by entry', async (t) => {
  const newer = withEpochDay(KAZEOSAT_1[0], '26140.50000000');
  const stale = withEpochDay(KAZEOSAT_1[0], '26001.50000000');
  const kazeosat2 = (await app.inject({ url: '/satellites/40010' })).json().tle;
  const file = [
    'KAZEOSAT 1',
    newer,
    KAZEOSAT_1[1],
    'KAZEOSAT 1 (an old set)',
    stale,
    KAZEOSAT_1[1],
    '0 KAZEOSAT 2',
    kazeosat2[0],
    withBadChecksum(kazeosat2[1]),
    'ISS (ZARYA)',
    '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927',
    '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537',
    '',
  ].join('\r\n');
  const response = await app.inject({ method: 'POST', url: '/satellites/tle', headers: { ...admin, 'content-type': 'text/plain' }, payload: file });
  t.equal(response.statusCode, 200);
  const report = response.json();
  t.match(report.updated, [{ norad_id: 39731, name: 'KAZEOSAT 1', epoch: '2026-05-20T12:00:00.000Z', previous_epoch: '2026-05-07T18:40:51.078Z' }]);
  t.match(report.older, [{ norad_id: 39731, epoch: '2026-01-01T12:00:00.000Z' }]);
  t.equal(report.unknown, 1, 'the ISS is not registered');
  t.match(report.rejected, [{ lineNumber: 7, name: 'KAZEOSAT 2', code: 'InvalidTle', details: { line: 2, check: 'checksum' } }]);
  const satellite = (await app.inject({ url: '/satellites/39731' })).json();
  t.equal(satellite.tle[0], newer);
  const history = await db.selectFrom('tle_history').select('epoch').where('norad_id', '=', 39731).execute();
  t.equal(history.length, 3, 'seeded, newer and older TLEs are all kept');

  const again = (await app.inject({ method: 'POST', url: '/satellites/tle', headers: { ...admin, 'content-type': 'text/plain' }, payload: file })).json();
  t.equal(again.unchanged, 2, 'a second upload changes nothing');
  t.same(again.updated, []);

  const ruKey = await auth('member', 'RU');
  const notOwned = (await app.inject({ method: 'POST', url: '/satellites/tle', headers: { ...ruKey, 'content-type': 'text/plain' }, payload: file })).json();
  t.same(notOwned.not_owned, [39731, 39731], "a member's key updates its own satellites only");
});

t.test('POST /satellites/tle refuses a file without a valid entry, and JSON', async (t) => {
  const broken = await app.inject({
    method: 'POST',
    url: '/satellites/tle',
    headers: { ...admin, 'content-type': 'text/plain' },
    payload: `KAZEOSAT 1\n${withBadChecksum(KAZEOSAT_1[0])}\n${KAZEOSAT_1[1]}\n`,
  });
  t.equal(broken.statusCode, 400);
  t.match(broken.json(), { code: 'InvalidTle', line: 1, check: 'checksum', rejected: [{ lineNumber: 1 }] });
  const empty = await app.inject({ method: 'POST', url: '/satellites/tle', headers: { ...admin, 'content-type': 'text/plain' }, payload: '\n\n' });
  t.equal(empty.json().code, 'EmptyTleFile');
  const json = await app.inject({ method: 'POST', url: '/satellites/tle', headers: admin, payload: { tle: KAZEOSAT_1 } });
  t.equal(json.statusCode, 415);
  t.equal((await app.inject({ method: 'POST', url: '/satellites/tle', headers: { 'content-type': 'text/plain' }, payload: 'x' })).statusCode, 401);
});
