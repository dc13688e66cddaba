import t from 'tap';
import { InvalidRequestError } from '../../src/errors.js';
import { parseTle } from '../../src/orbits/parse-tle.js';
import { tleChecksum } from '../../src/orbits/tle-checksum.js';

// ISS element set used as the example of the TLE format (CelesTrak, "NORAD Two-Line Element Set
// Format", and Wikipedia's "Two-line element set"): both checksums (7 and 7) are valid.
const ISS1 = '1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927';
const ISS2 = '2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537';

/** The line with column 69 set to its correct checksum. */
function withChecksum(line: string): string {
  return line.slice(0, 68) + String(tleChecksum(line));
}

function failure(l1: string, l2: string): InvalidRequestError {
  try {
    parseTle(l1, l2);
  } catch (err) {
    if (err instanceof InvalidRequestError) return err;
    throw err;
  }
  throw new Error('parseTle accepted the TLE');
}

t.test('tleChecksum sums digits, counts minus signs as 1 and ignores the rest', async (t) => {
  t.equal(tleChecksum(ISS1), 7);
  t.equal(tleChecksum(ISS2), 7);
  t.equal(tleChecksum('1 -'), 2, 'the "1" and the minus sign');
  t.equal(tleChecksum('+ . A9'), 9, 'plus, period, letters and spaces count 0');
  // Column 69 itself is not summed.
  t.equal(tleChecksum(`${'0'.repeat(68)}9`), 0);
});

t.test('parseTle reads a valid element set', async (t) => {
  const tle = parseTle(ISS1, `${ISS2}  \r`, ' ISS (ZARYA) ');
  t.equal(tle.noradId, 25544);
  t.equal(tle.name, 'ISS (ZARYA)');
  t.equal(tle.classification, 'U');
  t.equal(tle.internationalDesignator, '98067A');
  // Day 264.51782528 of 2008: 20 September, 12:25:40.104 UTC.
  t.equal(tle.epoch, '2008-09-20T12:25:40.104Z');
  t.equal(tle.inclinationDeg, 51.6416);
  t.equal(tle.eccentricity, 0.0006703);
  t.equal(tle.meanMotionRevPerDay, 15.72125391);
  t.equal(tle.line2, ISS2, 'trailing white space removed');
});

t.test('the pivot year: 57-99 are 1900s, 00-56 are 2000s', async (t) => {
  const old = withChecksum(`${ISS1.slice(0, 18)}57001.00000000${ISS1.slice(32)}`);
  t.equal(parseTle(old, ISS2).epoch, '1957-01-01T00:00:00.000Z');
  const recent = withChecksum(`${ISS1.slice(0, 18)}56001.50000000${ISS1.slice(32)}`);
  t.equal(parseTle(recent, ISS2).epoch, '2056-01-01T12:00:00.000Z');
});

t.test('Alpha-5 catalogue numbers are decoded', async (t) => {
  const l1 = withChecksum(`1 A0001${ISS1.slice(7)}`);
  const l2 = withChecksum(`2 A0001${ISS2.slice(7)}`);
  t.equal(parseTle(l1, l2).noradId, 100001);
});

t.test('a wrong checksum names the line and the check', async (t) => {
  const bad2 = `${ISS2.slice(0, 68)}8`;
  const err = failure(ISS1, bad2);
  t.equal(err.code, 'InvalidTle');
  t.match(err.details, { line: 2, check: 'checksum', stated: '8', computed: 7 });
  t.match(err.description, /^TLE line 2: checksum/);
  // A minus sign changed to a plus changes the sum by one: caught.
  const flipped = ISS1.replace('-.00002182', '+.00002182');
  t.match(failure(flipped, ISS2).details, { line: 1, check: 'checksum' });
});

t.test('format checks', async (t) => {
  t.match(failure(ISS1.slice(0, 68), ISS2).details, { line: 1, check: 'length' }, 'short line');
  t.match(failure(`${ISS1}0`, ISS2).details, { line: 1, check: 'length' }, 'long line');
  t.match(failure(ISS2, ISS1).details, { line: 1, check: 'line-number' }, 'lines swapped');
  const shifted = withChecksum(`${ISS2.slice(0, 8)}51.64160${ISS2.slice(16)}`.slice(0, 69));
  t.match(failure(ISS1, shifted).details, { line: 2, check: 'format' }, 'inclination without its decimal point');
  const letter = withChecksum(ISS2.replace('0006703', '000A703'));
  t.match(failure(ISS1, letter), { details: { line: 2, check: 'format' }, message: /eccentricity/ });
  const noBlank = withChecksum(ISS1.replace('98067A   08264', '98067A   0826X'));
  t.match(failure(noBlank, ISS2).details, { line: 1, check: 'format' }, 'letter in the epoch');
});

t.test('the NORAD number must match between the lines', async (t) => {
  const other = withChecksum(`2 25545${ISS2.slice(7)}`);
  const err = failure(ISS1, other);
  t.match(err.details, { line: 2, check: 'norad-id', line1: 25544, line2: 25545 });
});

t.test('out-of-range values and elements SGP4 cannot start from', async (t) => {
  const inclination = withChecksum(`${ISS2.slice(0, 8)}181.0000${ISS2.slice(16)}`);
  t.match(failure(ISS1, inclination).details, { line: 2, check: 'range' });
  const day = withChecksum(`${ISS1.slice(0, 18)}08367.00000000${ISS1.slice(32)}`);
  t.match(failure(day, ISS2).details, { line: 1, check: 'range' }, 'day 367 of a leap year');
  // Verification set 33334 (SGP4-VER.TLE) with its checksums repaired: SGP4 rejects it at
  // initialisation (satellite.js error 3, eccentricity out of range once perturbed).
  const l1 = withChecksum('1 33334U 78066F   06174.85818871  .00000620  00000-0  10000-3 0  6809');
  const l2 = withChecksum('2 33334  68.4714 236.1303 5602877 123.7484 302.5767  0.00001000 67521');
  t.match(failure(l1, l2).details, { line: 2, check: 'sgp4-init' });
});
