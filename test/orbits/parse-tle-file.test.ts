import t from 'tap';
import { parseTleFile } from '../../src/orbits/parse-tle-file.js';

// Sentinel-2A/2B and Landsat 8 as in fixtures/satellites.json (reference_snapshot_2024, CelesTrak).
const S2A = [
  '1 40697U 15028A   24279.17255390  .00001112  00000+0  44064-3 0  9993',
  '2 40697  98.5691 351.8518 0001010  99.3360 260.7937 14.30828931485076',
];
const S2B = [
  '1 42063U 17013A   24279.20751910  .00001089  00000+0  43208-3 0  9993',
  '2 42063  98.5698 351.8809 0000926  91.7876 268.3413 14.30823903395996',
];
const L8 = [
  '1 39084U 13008A   24279.14537618  .00002878  00000+0  64857-3 0  9992',
  '2 39084  98.2184 347.3720 0001313  95.6104 264.5244 14.57110446619429',
];

t.test('a CelesTrak 3-line file parses into named entries', async (t) => {
  const text = ['SENTINEL-2A             ', ...S2A, 'SENTINEL-2B', ...S2B, ''].join('\r\n');
  const { entries, errors } = parseTleFile(text);
  t.same(errors, []);
  t.same(
    entries.map((e) => [e.name, e.noradId]),
    [
      ['SENTINEL-2A', 40697],
      ['SENTINEL-2B', 42063],
    ],
  );
});

t.test('Space-Track "0 NAME" lines, blank lines and bare 2-line sets are accepted', async (t) => {
  const text = ['0 SENTINEL-2A', '', ...S2A, '', ...S2B, '0 LANDSAT 8', ...L8].join('\n');
  const { entries, errors } = parseTleFile(text);
  t.same(errors, []);
  t.same(
    entries.map((e) => e.name),
    ['SENTINEL-2A', null, 'LANDSAT 8'],
  );
});

t.test('bad entries are reported with their line numbers and the rest is kept', async (t) => {
  const badChecksum = `${S2B[1]!.slice(0, 68)}0`;
  const lines = [
    'SENTINEL-2A', // 1
    ...S2A, // 2, 3
    'SENTINEL-2B', // 4
    S2B[0]!, // 5
    badChecksum, // 6
    'ORPHAN NAME', // 7
    'LANDSAT 8', // 8
    ...L8, // 9, 10
    'NO LINE 2', // 11
    S2A[0]!, // 12, and the file ends
  ];
  const { entries, errors } = parseTleFile(lines.join('\n'));
  t.same(
    entries.map((e) => e.name),
    ['SENTINEL-2A', 'LANDSAT 8'],
  );
  t.same(
    errors.map((e) => [e.lineNumber, e.name, e.code, e.details.line, e.details.check]),
    [
      [4, 'SENTINEL-2B', 'InvalidTle', 2, 'checksum'],
      [7, 'ORPHAN NAME', 'InvalidTle', 1, 'format'],
      [11, 'NO LINE 2', 'InvalidTle', 2, 'format'],
    ],
  );
  t.match(errors[0]!.details, { lines: { line1: 5, line2: 6 } });
  t.match(errors[0]!.description, /line 2: checksum/);
});

t.test('a stray line 2 is an error of its own', async (t) => {
  const { entries, errors } = parseTleFile([S2A[1]!, 'SENTINEL-2B', ...S2B].join('\n'));
  t.same(
    entries.map((e) => e.noradId),
    [42063],
  );
  t.equal(errors.length, 1);
  t.equal(errors[0]!.lineNumber, 1);
  t.match(errors[0]!.description, /line 2 without a line 1/);
});
