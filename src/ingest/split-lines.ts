/** One line of a stream, or the note that it was longer than allowed (its text then dropped). */
export type Line = { number: number; text: string } | { number: number; tooLong: true };

/**
 * Split a byte stream into lines without ever holding more than `maxLineBytes` of one line: a longer
 * line is reported as `tooLong` and skipped up to its newline, so a huge line cannot exhaust memory.
 * Lines are numbered from 1; `\r\n` endings are accepted; blank lines are skipped.
 */
export async function* splitLines(stream: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let number = 0;
  const finish = (): Line | null => {
    number += 1;
    if (skipping) {
      skipping = false;
      return { number, tooLong: true };
    }
    const text = Buffer.concat(pending, pendingBytes).toString('utf8').replace(/\r$/, '');
    pending = [];
    pendingBytes = 0;
    return text.trim() === '' ? null : { number, text };
  };
  for await (const chunk of stream) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let newline = buffer.indexOf(10);
    while (newline !== -1) {
      if (!skipping) append(buffer.subarray(0, newline));
      const line = finish();
      if (line !== null) yield line;
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(10);
    }
    if (!skipping) append(buffer);
  }
  if (pendingBytes > 0 || skipping) {
    const line = finish();
    if (line !== null) yield line;
  }

  function append(part: Buffer): void {
    if (part.length === 0) return;
    if (pendingBytes + part.length > maxLineBytes) {
      skipping = true;
      pending = [];
      pendingBytes = 0;
      return;
    }
    pending.push(part);
    pendingBytes += part.length;
  }
}
