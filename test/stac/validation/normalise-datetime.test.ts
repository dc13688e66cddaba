import t from 'tap';
import { normaliseDatetime } from '../../../src/stac/validation/normalise-datetime.js';

t.test('a bare date becomes midnight UTC, marked as assumed UTC', async (t) => {
  t.same(normaliseDatetime('2015-07-10'), { value: '2015-07-10T00:00:00Z', assumedUtc: true });
});

t.test('a space-separated date-time with +00:00 becomes RFC 3339 Z, keeping its microseconds', async (t) => {
  // As in the sentinel-3-slstr-orbits and Planetary Computer sentinel-1-rtc items.
  t.same(normaliseDatetime('2016-05-21 01:55:51.526891+00:00'), { value: '2016-05-21T01:55:51.526891Z', assumedUtc: false });
});

t.test('a space-separated date-time with another offset is shifted to UTC', async (t) => {
  t.same(normaliseDatetime('2020-01-01 01:30:00+02:00'), { value: '2019-12-31T23:30:00Z', assumedUtc: false });
  t.same(normaliseDatetime('2020-01-01 23:30:00.5-0130'), { value: '2020-01-02T01:00:00.5Z', assumedUtc: false });
});

t.test('a date-time without offset is taken as UTC', async (t) => {
  t.same(normaliseDatetime('2020-03-04T05:06:07'), { value: '2020-03-04T05:06:07Z', assumedUtc: true });
  t.same(normaliseDatetime('2020-03-04 05:06'), { value: '2020-03-04T05:06:00Z', assumedUtc: true });
});

t.test('RFC 3339 values are left alone whatever their offset', async (t) => {
  for (const value of ['2015-07-10T00:00:00Z', '2015-07-10T00:00:00.123+00:00', '2015-07-10T02:00:00+02:00', '2015-07-10t00:00:00z']) {
    t.equal(normaliseDatetime(value), null, value);
  }
});

t.test('values that are not calendar dates are left for the schema to reject', async (t) => {
  for (const value of ['2015-02-29', '2016-13-01', '2016-04-31 00:00:00Z', '2016-01-01 24:00:00Z', 'yesterday', '', '2016-01-01T00:00:00+25:00', '20160101']) {
    t.equal(normaliseDatetime(value), null, value);
  }
  t.same(normaliseDatetime('2016-02-29'), { value: '2016-02-29T00:00:00Z', assumedUtc: true }, 'a leap day is a date');
});

t.test('years before 100 are not read as 19xx', async (t) => {
  t.same(normaliseDatetime('0050-06-01'), { value: '0050-06-01T00:00:00Z', assumedUtc: true });
});
