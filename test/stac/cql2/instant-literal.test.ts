import t from 'tap';
import { instantLiteral } from '../../../src/stac/cql2/instant-literal.js';

const fail = (problem: string): never => {
  throw new Error(problem);
};

t.test('timestamps are rewritten in UTC with the fraction trimmed, never rounded', async (t) => {
  const cases: [string, string][] = [
    ['2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'],
    ['2020-01-01t00:00:00z', '2020-01-01T00:00:00Z'],
    ['2020-01-01T00:00:00.000000Z', '2020-01-01T00:00:00Z'],
    ['2020-01-01T00:00:00.1234567890Z', '2020-01-01T00:00:00.123456789Z'],
    ['2020-01-01T00:00:00+00:00', '2020-01-01T00:00:00Z'],
    ['2020-01-01T00:00:00-00:00', '2020-01-01T00:00:00Z'],
    ['2020-01-01T01:00:00+05:30', '2019-12-31T19:30:00Z'],
    ['2020-12-31T23:00:00.5-02:00', '2021-01-01T01:00:00.5Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00Z'],
  ];
  for (const [input, expected] of cases) {
    t.strictSame(instantLiteral(input, 'timestamp', fail), { kind: 'literal', type: 'timestamp', value: expected }, input);
  }
});

t.test('timestamps that are not RFC 3339 or not real instants are refused', async (t) => {
  const refused: [string, RegExp][] = [
    ['2020-01-01', /is not an RFC 3339 timestamp/],
    ['2020-01-01 00:00:00Z', /is not an RFC 3339 timestamp/],
    ['2020-01-01T00:00Z', /is not an RFC 3339 timestamp/],
    ['2020-01-01T00:00:00', /is not an RFC 3339 timestamp/],
    ['2020-01-01T00:00:00.Z', /is not an RFC 3339 timestamp/],
    ['2020-01-01T00:00:00+0100', /is not an RFC 3339 timestamp/],
    ['20200101T000000Z', /is not an RFC 3339 timestamp/],
    ['2021-02-29T00:00:00Z', /does not fall on a calendar date/],
    ['2021-00-10T00:00:00Z', /does not fall on a calendar date/],
    ['2021-04-31T00:00:00Z', /does not fall on a calendar date/],
    ['2021-01-01T24:00:00Z', /no such time of day/],
    ['2021-01-01T23:60:00Z', /no such time of day/],
    ['2016-12-31T23:59:60Z', /no such time of day/],
    ['2021-01-01T00:00:00+24:00', /no such UTC offset/],
    ['9999-12-31T23:00:00-02:00', /outside the years 0000-9999/],
    ['0000-01-01T00:00:00+01:00', /outside the years 0000-9999/],
  ];
  for (const [input, pattern] of refused) t.throws(() => instantLiteral(input, 'timestamp', fail), pattern, input);
});

t.test('dates are YYYY-MM-DD calendar days, kept as written', async (t) => {
  t.strictSame(instantLiteral('2000-02-29', 'date', fail), { kind: 'literal', type: 'date', value: '2000-02-29' });
  t.throws(() => instantLiteral('1900-02-29', 'date', fail), /not a calendar date/);
  t.throws(() => instantLiteral('2020-1-01', 'date', fail), /not a date \(YYYY-MM-DD\)/);
  t.throws(() => instantLiteral('2020-01-01T00:00:00Z', 'date', fail), /not a date/);
});

t.test('either takes a date when shaped like one, else a timestamp', async (t) => {
  t.equal(instantLiteral('2020-01-01', 'either', fail).type, 'date');
  t.equal(instantLiteral('2020-01-01T00:00:00Z', 'either', fail).type, 'timestamp');
  t.throws(() => instantLiteral('2020-13-01', 'either', fail), /not a calendar date/);
  t.throws(() => instantLiteral('yesterday', 'either', fail), /neither a date .* nor an RFC 3339 timestamp/);
  t.throws(() => instantLiteral('x'.repeat(500), 'either', fail), /^'x{57}\.\.\.' is neither/, 'long input is shortened in the message');
});
