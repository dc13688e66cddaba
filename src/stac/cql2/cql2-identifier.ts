/**
 * Identifier characters from the CQL2 BNF (OGC 21-065r2, `identifierStart` / `identifierPart`):
 * letters of most scripts, `_` and `:` may start one; digits, `.`, combining marks and `‿⁀` may
 * follow. So `eo:cloud_cover` and `properties.eo:cloud_cover` are single identifiers, and a name
 * with `-` or a space must be double-quoted.
 */
const START =
  ':_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFE\\u200C-\\u200D' +
  '\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const PART = `${START}.0-9\\u0300-\\u036F\\u203F-\\u2040`;

/** Regular-expression source (for the `u` flag) matching one unquoted CQL2 identifier. */
export const CQL2_IDENTIFIER_SOURCE = `[${START}][${PART}]*`;

/**
 * Words with a meaning of their own in CQL2 text (upper case). The parser reads them as keywords
 * and the printer double-quotes a property so named, so that it reads back as a property.
 */
export const CQL2_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'AND', 'OR', 'NOT', 'LIKE', 'BETWEEN', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'DIV',
  'CASEI', 'ACCENTI', 'DATE', 'TIMESTAMP', 'INTERVAL', 'BBOX',
  'POINT', 'LINESTRING', 'POLYGON', 'MULTIPOINT', 'MULTILINESTRING', 'MULTIPOLYGON', 'GEOMETRYCOLLECTION',
]);
