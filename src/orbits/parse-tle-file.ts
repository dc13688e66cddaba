import { EopoolError } from '../errors.js';
import { parseTle, type Tle } from './parse-tle.js';

/** One entry of a TLE file that failed, reported instead of silently dropped. */
export interface TleFileError {
  /** 1-based line number in the file where the entry starts. */
  lineNumber: number;
  /** The entry's name line, if it had one. */
  name: string | null;
  /** Error code, `InvalidTle`. */
  code: string;
  description: string;
  /** `{ line, check }` as in `parseTle`, plus the file line numbers of the entry's lines. */
  details: Record<string, unknown>;
}

/** Result of {@link parseTleFile}: the good entries and one error per bad entry, in file order. */
export interface TleFile {
  entries: Tle[];
  errors: TleFileError[];
}

type LineKind = 'line1' | 'line2' | 'name';

// A line counts as a TLE line when it starts with its number, a blank and a catalogue-number
// character; a name line (CelesTrak 24-character names, or Space-Track's "0 NAME") never does.
function kindOf(line: string): LineKind {
  if (/^1 [ 0-9A-Z]/.test(line)) return 'line1';
  if (/^2 [ 0-9A-Z]/.test(line)) return 'line2';
  return 'name';
}

function errorFrom(err: unknown, lineNumber: number, name: string | null, lines: Record<string, number>): TleFileError {
  if (err instanceof EopoolError) {
    return { lineNumber, name, code: err.code, description: err.description, details: { ...err.details, lines } };
  }
  throw err;
}

/**
 * Parses a CelesTrak-style TLE text file for bulk TLE updates: entries of a name line followed by
 * lines 1 and 2 ("3-line" format, the name optionally prefixed "0 " as Space-Track writes it);
 * bare 2-line entries are accepted with a null name. Blank lines are ignored, CRLF is accepted.
 *
 * Each entry goes through {@link parseTle} (checksums, format, NORAD number match, SGP4 init). A bad
 * entry does not stop the file: it is reported in `errors` with its line number, and reading
 * resumes at the next line that can start an entry. Structural errors (a name without its two
 * lines, a line 2 without line 1) are reported as `InvalidTle` with check `format`.
 *
 * @param text Whole file content.
 * @returns Parsed entries and per-entry errors, both in file order. Never throws for bad content.
 */
export function parseTleFile(text: string): TleFile {
  const lines: { text: string; number: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() !== '') lines.push({ text: raw.trimEnd(), number: i + 1 });
  });
  const entries: Tle[] = [];
  const errors: TleFileError[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i]!;
    let name: string | null = null;
    let start = i;
    if (kindOf(first.text) === 'name') {
      name = first.text.replace(/^0 /, '').trim();
      start = i + 1;
    }
    const l1 = lines[start];
    const l2 = lines[start + 1];
    if (l1 === undefined || kindOf(l1.text) !== 'line1') {
      const found = l1 === undefined ? 'end of file' : `line ${l1.number}`;
      const description =
        name === null
          ? `line ${first.number} is a TLE line 2 without a line 1 before it`
          : `entry "${name}" has no TLE line 1 (found ${found})`;
      errors.push({
        lineNumber: first.number,
        name,
        code: 'InvalidTle',
        description,
        details: { line: 1, check: 'format' },
      });
      i += 1;
      continue;
    }
    if (l2 === undefined || kindOf(l2.text) !== 'line2') {
      errors.push({
        lineNumber: first.number,
        name,
        code: 'InvalidTle',
        description: `TLE line 1 at file line ${l1.number} is not followed by a line 2`,
        details: { line: 2, check: 'format' },
      });
      i = start + 1;
      continue;
    }
    try {
      entries.push(parseTle(l1.text, l2.text, name));
    } catch (err) {
      errors.push(errorFrom(err, first.number, name, { line1: l1.number, line2: l2.number }));
    }
    i = start + 2;
  }
  return { entries, errors };
}
