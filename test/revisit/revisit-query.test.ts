import t from 'tap';
import { revisitQuery } from '../../src/revisit/index.js';

t.test('defaults: today, 14 days, nadir, default grid, Sun 10 deg, the pool', async (t) => {
  t.same(revisitQuery({ territory: 'KZ' }), {
    territory: 'KZ',
    start: null,
    days: null,
    mode: 'nadir',
    gridKm: null,
    sunElevationMinDeg: 10,
    members: null,
    satellites: null,
    sensor: null,
    allowStale: false,
  });
});

t.test('starts are dates (00:00 UTC) or RFC 3339 date-times with a zone', async (t) => {
  t.equal(revisitQuery({ territory: 'KZ', start: '2024-10-05' }).start?.toISOString(), '2024-10-05T00:00:00.000Z');
  t.equal(revisitQuery({ territory: 'KZ', start: '2024-10-05T06:30:00+05:00' }).start?.toISOString(), '2024-10-05T01:30:00.000Z');
  for (const start of ['2024-10-05T06:30:00', '05/10/2024', 'tomorrow', '2024-13-45']) {
    t.throws(() => revisitQuery({ territory: 'KZ', start }), { code: 'InvalidDatetime' }, start);
  }
});

t.test('lists are comma-separated or repeated; NORAD ids are checked', async (t) => {
  const query = revisitQuery({ territory: 'KZ', members: ['KZ,CN', 'RU'], satellites: '40697, 42063' });
  t.same(query.members, ['KZ', 'CN', 'RU']);
  t.same(query.satellites, [40697, 42063]);
  t.throws(() => revisitQuery({ territory: 'KZ', satellites: '40697,S2B' }), { code: 'InvalidParameter' });
});

t.test("the CLI's unchecked flags are checked", async (t) => {
  t.throws(() => revisitQuery({ territory: 'KZ', mode: 'sideways' as 'nadir' }), { code: 'InvalidParameter' });
  t.throws(() => revisitQuery({ territory: 'KZ', days: Number('ten') }), { code: 'InvalidParameter' });
  t.throws(() => revisitQuery({ territory: 'KZ', grid_km: -1 }), { code: 'InvalidParameter' });
  t.throws(() => revisitQuery({ territory: 'KZ', sun_elevation_min: 91 }), { code: 'InvalidParameter' });
});
