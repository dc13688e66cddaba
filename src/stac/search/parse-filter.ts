import { InvalidRequestError } from '../../errors.js';
import { parseCql2Json, parseCql2Text, type Cql2Expression } from '../cql2/index.js';

/** The one `filter-crs` accepted: CQL2's default, longitude/latitude on WGS 84. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** Where a filter came from: a GET query (text by default) or a POST body (JSON by default). */
export type ParameterEncoding = 'get' | 'post';

/**
 * The filter extension's `filter`, `filter-lang` and `filter-crs` as one CQL2 AST. `filter-lang`
 * defaults to `cql2-text` in GET and `cql2-json` in POST; a POST filter that is a string is read as
 * text when no language is named. CQL2 JSON in a GET query is the JSON text. Throws InvalidFilter
 * (with the offset of a text error, from the parser) for a malformed filter, an unknown language
 * or a `filter-crs` other than CRS84.
 */
export function parseFilter(filter: unknown, lang: unknown, crs: unknown, encoding: ParameterEncoding): Cql2Expression {
  if (crs !== undefined && crs !== CRS84) {
    throw new InvalidRequestError('InvalidFilter', `filter-crs must be ${CRS84}, the only CRS eopool filters in, got ${JSON.stringify(crs)}`);
  }
  if (lang !== undefined && lang !== 'cql2-text' && lang !== 'cql2-json') {
    throw new InvalidRequestError('InvalidFilter', `filter-lang must be "cql2-text" or "cql2-json", got ${JSON.stringify(lang)}`);
  }
  const language = lang ?? (encoding === 'get' || typeof filter === 'string' ? 'cql2-text' : 'cql2-json');
  if (language === 'cql2-text') {
    if (typeof filter !== 'string') throw new InvalidRequestError('InvalidFilter', 'a cql2-text filter must be a string');
    return parseCql2Text(filter);
  }
  return parseCql2Json(typeof filter === 'string' ? jsonText(filter) : filter);
}

function jsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidRequestError('InvalidFilter', `a cql2-json filter must be JSON: ${(error as Error).message}`);
  }
}
