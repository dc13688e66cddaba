import t from 'tap';
import { resolveTimeWindow } from '../../src/monitoring/index.js';

const now = new Date('2025-06-01T00:00:00Z');

t.test('at defaults to now; since is a date-time, a duration back from at, absent, or a default', async (t) => {
  t.same(resolveTimeWindow({}, now), { since: null, at: now });
  t.same(resolveTimeWindow({ since: 'P1D' }, now), { since: new Date('2025-05-31T00:00:00Z'), at: now });
  t.same(resolveTimeWindow({ since: 'P1D', at: '2025-01-10T06:00:00+06:00' }, now), {
    since: new Date('2025-01-09T00:00:00Z'),
    at: new Date('2025-01-10T00:00:00Z'),
  });
  t.same(resolveTimeWindow({ since: '2025-05-01T00:00:00Z' }, now).since, new Date('2025-05-01T00:00:00Z'));
  t.same(resolveTimeWindow({}, now, { defaultSince: 'P7D' }).since, new Date('2025-05-25T00:00:00Z'));
  t.same(resolveTimeWindow({ since: now.toISOString() }, now).since, now, 'since may equal at');
});

t.test('a since after at, or malformed, is InvalidSince naming the parameters as the request does', async (t) => {
  t.throws(() => resolveTimeWindow({ since: '2025-06-02T00:00:00Z' }, now), { code: 'InvalidSince', message: /since .* is after at/ });
  t.throws(() => resolveTimeWindow({ since: '2025-06-02T00:00:00Z' }, now, { names: { since: 'start', at: 'end' } }), {
    code: 'InvalidSince',
    message: /start .* is after end/,
  });
  t.throws(() => resolveTimeWindow({ since: '2025-06-01' }, now), { code: 'InvalidSince' });
  t.throws(() => resolveTimeWindow({ at: 'now' }, now), { code: 'InvalidDatetime' });
});
