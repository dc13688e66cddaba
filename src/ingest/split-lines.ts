/**
 * Consecutive lines of a stream as one text, lines numbered from `firstLine`, each ended by `\n`.
 * A line longer than allowed is left empty in `text` (so numbering holds) and listed in `tooLong`.
 */
export interface LineRun {
  firstLine: number;
  /** How many lines the run holds, empty ones included. */
  lines: number;
  text: string;
  tooLong: number[];
}

export interface RunLimits {
  /** A longer line is skipped up to its newline and reported, so a huge line cannot exhaust memory. */
  maxLineBytes: number;
  /** A run ends after this many lines, or once it holds `maxRunBytes`. */
  maxRunLines: number;
  maxRunBytes: number;
}

const NEWLINE = Buffer.from('\n');

/**
 * Split a byte stream into runs of whole lines. A run is decoded as one string rather than one per
 * line: the thread that reads a large NDJSON body then makes a few large strings instead of
 * thousands of small ones that the garbage collector would copy while they wait to be prepared.
 * Lines are numbered from 1; `\r\n` endings and blank lines are left for the reader of the run.
 */
export async function* splitLineRuns(stream: AsyncIterable<Buffer | string>, limits: RunLimits): AsyncGenerator<LineRun> {
  let parts: Buffer[] = [];
  let runBytes = 0;
  let firstLine = 1;
  let lines = 0;
  let tooLong: number[] = [];
  // The line being read, possibly over several chunks.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;

  const endLine = () => {
    lines += 1;
    if (skipping) tooLong.push(firstLine + lines - 1);
    else parts.push(...pending);
    parts.push(NEWLINE);
    runBytes += pendingBytes + 1;
    skipping = false;
    pending = [];
    pendingBytes = 0;
  };
  const take = (): LineRun => {
    const run = { firstLine, lines, text: Buffer.concat(parts, runBytes).toString('utf8'), tooLong };
    firstLine += lines;
    lines = 0;
    parts = [];
    runBytes = 0;
    tooLong = [];
    return run;
  };
  const append = (part: Buffer) => {
    if (part.length === 0) return;
    if (pendingBytes + part.length > limits.maxLineBytes) {
      skipping = true;
      pending = [];
      pendingBytes = 0;
      return;
    }
    pending.push(part);
    pendingBytes += part.length;
  };

  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let newline = buffer.indexOf(10);
    while (newline !== -1) {
      if (!skipping) append(buffer.subarray(0, newline));
      endLine();
      if (lines >= limits.maxRunLines || runBytes >= limits.maxRunBytes) yield take();
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(10);
    }
    if (!skipping) append(buffer);
  }
  if (pendingBytes > 0 || skipping) endLine();
  if (lines > 0) yield take();
}
