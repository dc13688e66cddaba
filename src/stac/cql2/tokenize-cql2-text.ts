import { CQL2_IDENTIFIER_SOURCE } from './cql2-identifier.js';

/** One token of CQL2 text. */
export interface Cql2Token {
  /**
   * `identifier` (keywords included: the parser tells them apart, case-insensitively), `quoted` (a
   * double-quoted identifier, never a keyword), `string`, `number`, `punct` (operators, parentheses,
   * comma) or `end` (after the last token).
   */
  readonly type: 'identifier' | 'quoted' | 'string' | 'number' | 'punct' | 'end';
  /** The source text of the token, quotes included. Empty for `end`. */
  readonly text: string;
  /** Strings and quoted identifiers unquoted and unescaped; otherwise the same as `text`. */
  readonly value: string;
  /** Offset of the token's first character in the text (UTF-16 code units, from 0). */
  readonly offset: number;
}

/** Reports a lexical error at `offset` where `found` (already quoted) begins, and never returns. */
export type Cql2LexFail = (offset: number, found: string, problem: string) => never;

const WHITESPACE = /\s+/uy;
const IDENTIFIER = new RegExp(CQL2_IDENTIFIER_SOURCE, 'uy');
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const AFTER_NUMBER = new RegExp(`[0-9.]|${CQL2_IDENTIFIER_SOURCE}`, 'uy');
const PUNCT = /<=|>=|<>|[=<>(),+\-*/%^]/y;

/**
 * Splits CQL2 text into tokens (OGC 21-065r2 lexical rules). Strings are `'...'` with the quote
 * escaped as `''` or `\'` (both are in the BNF; other backslashes stay as they are, for LIKE);
 * identifiers are bare (`eo:cloud_cover`) or `"double quoted"` with `""` for a quote inside; numbers
 * are unsigned (`12`, `1.5`, `.5`, `1e-3`): signs are operators, folded by the parser.
 */
export function tokenizeCql2Text(text: string, fail: Cql2LexFail): Cql2Token[] {
  const tokens: Cql2Token[] = [];
  let i = 0;
  const sticky = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    return re.exec(text)?.[0];
  };
  for (;;) {
    i += sticky(WHITESPACE)?.length ?? 0;
    if (i >= text.length) break;
    const start = i;
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      const { value, end } = quoted(text, i, c, fail);
      i = end;
      if (c === '"' && value === '') fail(start, '\'""\'', 'a quoted identifier is empty');
      tokens.push({ type: c === "'" ? 'string' : 'quoted', text: text.slice(start, i), value, offset: start });
      continue;
    }
    const number = sticky(NUMBER);
    if (number !== undefined) {
      i += number.length;
      if (sticky(AFTER_NUMBER) !== undefined) fail(start, `'${text.slice(start, i + 1)}'`, 'malformed number');
      tokens.push({ type: 'number', text: number, value: number, offset: start });
      continue;
    }
    const identifier = sticky(IDENTIFIER);
    if (identifier !== undefined) {
      i += identifier.length;
      tokens.push({ type: 'identifier', text: identifier, value: identifier, offset: start });
      continue;
    }
    const punct = sticky(PUNCT);
    if (punct !== undefined) {
      i += punct.length;
      tokens.push({ type: 'punct', text: punct, value: punct, offset: start });
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) as number);
    if (text.startsWith('!=', i)) fail(start, "'!='", 'unexpected operator; CQL2 writes "not equal" as <>');
    fail(start, `'${char}'`, 'unexpected character');
  }
  tokens.push({ type: 'end', text: '', value: '', offset: text.length });
  return tokens;
}

/** Reads a `'string'` or `"identifier"` starting at `start`; returns its unescaped value and end. */
function quoted(text: string, start: number, quote: string, fail: Cql2LexFail): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const next = text.indexOf(quote, i);
    if (next < 0) {
      return fail(start, quote === "'" ? 'a string' : 'a quoted identifier', `unterminated ${quote === "'" ? 'string' : 'quoted identifier'}`);
    }
    // In strings `\'` is a quote too (CQL2 BNF `escapeQuote`); so no string can end in a backslash.
    if (quote === "'" && next - 1 >= i && text[next - 1] === '\\') {
      value += `${text.slice(i, next - 1)}'`;
      i = next + 1;
      continue;
    }
    value += text.slice(i, next);
    if (text[next + 1] === quote) {
      value += quote;
      i = next + 2;
      continue;
    }
    return { value, end: next + 1 };
  }
}
