import t from 'tap';
import { type LineRun, splitLineRuns } from '../../src/ingest/split-lines.js';

async function runsOf(chunks: (string | Buffer)[], limits: { maxLineBytes?: number; maxRunLines?: number; maxRunBytes?: number } = {}): Promise<LineRun[]> {
  const runs: LineRun[] = [];
  const stream = (async function* () {
    yield* chunks;
  })();
  for await (const run of splitLineRuns(stream, { maxLineBytes: 100, maxRunLines: 1000, maxRunBytes: 10_000, ...limits })) runs.push(run);
  return runs;
}

t.test('lines cut anywhere by chunks, a character in two bytes included, come out whole and numbered', async (t) => {
  const text = 'first\nsecond é\n\nlast without newline';
  const bytes = Buffer.from(text);
  const cut = bytes.indexOf(Buffer.from('é')) + 1;
  const runs = await runsOf([bytes.subarray(0, 3), bytes.subarray(3, cut), bytes.subarray(cut)]);
  t.same(runs, [{ firstLine: 1, lines: 4, text: 'first\nsecond é\n\nlast without newline\n', tooLong: [] }]);
});

t.test('a run ends at its line or byte limit; numbering goes on in the next', async (t) => {
  const lines = ['a', 'bb', 'ccc', 'dddd', 'e'].map((l) => `${l}\n`);
  const byCount = await runsOf([lines.join('')], { maxRunLines: 2 });
  t.same(byCount.map((r) => [r.firstLine, r.lines, r.text]), [[1, 2, 'a\nbb\n'], [3, 2, 'ccc\ndddd\n'], [5, 1, 'e\n']]);
  const byBytes = await runsOf(lines, { maxRunBytes: 6 });
  t.same(byBytes.map((r) => [r.firstLine, r.text]), [[1, 'a\nbb\nccc\n'], [4, 'dddd\ne\n']]);
});

t.test('a line over the limit is left empty and reported, even when it arrives in pieces', async (t) => {
  const long = 'x'.repeat(30);
  const runs = await runsOf(['ok\n', long.slice(0, 10), long.slice(10), '\nafter\n', long], { maxLineBytes: 20 });
  t.same(runs, [{ firstLine: 1, lines: 4, text: 'ok\n\nafter\n\n', tooLong: [2, 4] }]);
});

t.test('an empty stream has no runs', async (t) => {
  t.same(await runsOf([]), []);
});
