import t from 'tap';
import { subtractIsoDuration } from '../../src/monitoring/subtract-iso-duration.js';

const at = new Date('2025-03-31T12:00:00Z');
const back = (duration: string) => subtractIsoDuration(at, duration).toISOString();

t.test('fixed lengths: weeks, days, hours, minutes, seconds (a day is 24 hours, UTC)', async (t) => {
  t.equal(back('P7D'), '2025-03-24T12:00:00.000Z');
  t.equal(back('P2W'), '2025-03-17T12:00:00.000Z');
  t.equal(back('PT6H'), '2025-03-31T06:00:00.000Z');
  t.equal(back('PT90M'), '2025-03-31T10:30:00.000Z');
  t.equal(back('PT0.5S'), '2025-03-31T11:59:59.500Z');
  t.equal(back('P1DT12H'), '2025-03-30T00:00:00.000Z');
  t.equal(back('p7d'), '2025-03-24T12:00:00.000Z', 'lower case is read too');
});

t.test('months and years are calendar steps, clamped to the end of a shorter month', async (t) => {
  t.equal(back('P1M'), '2025-02-28T12:00:00.000Z');
  t.equal(subtractIsoDuration(new Date('2024-03-31T00:00:00Z'), 'P1M').toISOString(), '2024-02-29T00:00:00.000Z', 'a leap year');
  t.equal(back('P1Y'), '2024-03-31T12:00:00.000Z');
  t.equal(back('P1Y2M'), '2024-01-31T12:00:00.000Z');
  t.equal(back('P14M'), '2024-01-31T12:00:00.000Z');
});

t.test('anything else is InvalidSince', async (t) => {
  for (const text of ['P', 'PT', 'P0D', '7D', 'P7', 'PT1D', 'P1.5M', 'P-1D', 'yesterday', 'P1DT']) {
    t.throws(() => subtractIsoDuration(at, text), { code: 'InvalidSince' }, text);
  }
});
