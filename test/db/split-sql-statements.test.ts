import t from 'tap';
import { splitSqlStatements } from '../../src/db/split-sql-statements.js';

t.test('splits at top-level semicolons only', async (t) => {
  const script = `
    -- a comment; with a semicolon
    CREATE TABLE a (x text DEFAULT 'a;b');
    /* block; comment */ CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
    CREATE TABLE "we;ird" (y int);
    SELECT 'it''s; fine'`;
  t.same(
    splitSqlStatements(script).map((s) => s.replace(/\s+/g, ' ')),
    [
      "-- a comment; with a semicolon CREATE TABLE a (x text DEFAULT 'a;b')",
      '/* block; comment */ CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql',
      'CREATE TABLE "we;ird" (y int)',
      "SELECT 'it''s; fine'",
    ],
  );
});

t.test('a script of only comments has no statements', async (t) => {
  t.same(splitSqlStatements('-- nothing here;\n  \n'), []);
});

t.test('tagged dollar quotes end only at the same tag', async (t) => {
  t.equal(splitSqlStatements('SELECT $fn$ a $$ ; b $fn$; SELECT 2').length, 2);
});
