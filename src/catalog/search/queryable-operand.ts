import { sql, type RawBuilder } from 'kysely';
import { InvalidRequestError } from '../../errors.js';
import { promotedField, type PromotedType } from '../promoted-fields.js';

/**
 * The SQL type of a value in a filter or sort: a promoted column's type, `date` for a CQL2 DATE
 * literal, or `json` for a property read from the stored document, whose type is known only row by
 * row.
 */
export type ValueType = 'string' | 'number' | 'boolean' | 'timestamp' | 'date' | 'string[]' | 'geometry' | 'json';

/** A value as SQL with its type; literals keep their value for checks and conversions. */
export interface Operand {
  sql: RawBuilder<unknown>;
  type: ValueType;
  /** The text of a string literal, or the `YYYY-MM-DD` of a date literal. */
  literal?: string;
  /** The column of `items` it is, when it is one. */
  column?: string;
}

const TYPE_OF: Record<PromotedType, ValueType> = {
  string: 'string',
  number: 'number',
  timestamp: 'timestamp',
  'string[]': 'string[]',
  geometry: 'geometry',
};

/**
 * The SQL of the queryable `name` (without `properties.`): a promoted column, or the property's JSON
 * value in the stored document, reached with the name as a parameter so that no name is ever SQL
 * text. `datetime` is the item's time as the default order uses it (datetime, else
 * start_datetime), except in `IS NULL`, which asks about the property itself (`use: 'null'`).
 * Throws UnknownQueryable for a name that is neither promoted nor in `known`.
 */
export function queryableOperand(name: string, known: ReadonlySet<string>, use: 'value' | 'null' = 'value'): Operand {
  const promoted = promotedField(name);
  if (promoted !== undefined) {
    const column = name === 'datetime' && use === 'value' ? 'sort_datetime' : promoted.column;
    return { sql: sql.ref(`items.${column}`), type: TYPE_OF[promoted.type], column };
  }
  if (known.has(name)) return { sql: sql`((items.content -> 'properties' -> ${name}::text)::jsonb)`, type: 'json' };
  throw new InvalidRequestError('UnknownQueryable', `"${name}" is not a queryable of the searched collections (see /queryables)`);
}
