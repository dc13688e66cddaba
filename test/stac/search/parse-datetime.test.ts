import t from 'tap';
import { parseDatetimeParameter, parseRfc3339 } from '../../../src/stac/search/parse-datetime.js';

t.test('an instant, closed and half-open intervals, lower-case t and z', async (t) => {
  t.same(parseDatetimeParameter('2024-05-01T10:00:00Z'), { start: '2024-05-01T10:00:00Z', end: '2024-05-01T10:00:00Z' });
  t.same(parseDatetimeParameter('2024-05-01t10:00:00.123456z/2024-06-01T00:00:00+02:00'), {
    start: '2024-05-01T10:00:00.123456Z',
    end: '2024-06-01T00:00:00+02:00',
  });
  t.same(parseDatetimeParameter('../2024-06-01T00:00:00Z'), { start: null, end: '2024-06-01T00:00:00Z' });
  t.same(parseDatetimeParameter('/2024-06-01T00:00:00Z'), { start: null, end: '2024-06-01T00:00:00Z' });
  t.same(parseDatetimeParameter('2024-06-01T00:00:00Z/..'), { start: '2024-06-01T00:00:00Z', end: null });
  t.same(parseDatetimeParameter('2024-06-01T00:00:00Z/'), { start: '2024-06-01T00:00:00Z', end: null });
});

t.test('anything else is InvalidDatetime naming the parameter', async (t) => {
  for (const bad of ['', 'yesterday', '2024-05-01', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T10:00:00+25:00',
    '2024-05-01T10:00:00', '../..', '/', '2024-06-01T00:00:00Z/2024-05-01T00:00:00Z', 'a/b/c']) {
    t.throws(() => parseDatetimeParameter(bad), { code: 'InvalidDatetime' }, JSON.stringify(bad));
  }
  t.throws(() => parseDatetimeParameter(5), { code: 'InvalidDatetime' });
  t.throws(() => parseRfc3339('nope', 'created'), { code: 'InvalidDatetime', message: /created "nope"/ });
  t.equal(parseRfc3339('2024-02-29T23:59:59Z'), '2024-02-29T23:59:59Z', 'a leap day');
});
