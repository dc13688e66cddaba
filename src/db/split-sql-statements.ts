/**
 * Split an SQL script into statements at top-level semicolons, skipping quoted strings, quoted
 * identifiers, dollar-quoted bodies and comments. Needed because PGlite's `query` (which Kysely's
 * PGliteDialect uses) runs one statement at a time, while migration files hold many.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const char = script[i];
    const next = script[i + 1];
    if (char === '-' && next === '-') {
      i = indexAfter(script, '\n', i + 2);
    } else if (char === '/' && next === '*') {
      i = indexAfter(script, '*/', i + 2);
    } else if (char === "'" || char === '"') {
      i = endOfQuoted(script, char, i + 1);
    } else if (char === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      i = tag === undefined ? i + 1 : indexAfter(script, tag, i + tag.length);
    } else if (char === ';') {
      pushIfNotEmpty(statements, script.slice(start, i));
      start = i + 1;
      i += 1;
    } else {
      i += 1;
    }
  }
  pushIfNotEmpty(statements, script.slice(start));
  return statements;
}

function indexAfter(script: string, token: string, from: number): number {
  const at = script.indexOf(token, from);
  return at === -1 ? script.length : at + token.length;
}

/** A doubled quote inside a quoted run is an escaped quote, not its end. */
function endOfQuoted(script: string, quote: string, from: number): number {
  let i = from;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i += 1;
    }
  }
  return i;
}

function pushIfNotEmpty(statements: string[], statement: string): void {
  const withoutComments = statement.replace(/--[^\n]*/g, '').trim();
  if (withoutComments !== '') statements.push(statement.trim());
}
