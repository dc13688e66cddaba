import type { Cql2Property } from './cql2-ast.js';
import type { Cql2Fail } from './cql2-error.js';

/**
 * The property node for a name as written. Leading `properties.` prefixes are dropped, all of them,
 * since STAC clients write `properties.eo:cloud_cover` for the item property `eo:cloud_cover`, and
 * a name that kept one would not read back the same after printing. Empty names are refused.
 */
export function normalisePropertyName(name: string, fail: Cql2Fail): Cql2Property {
  const stripped = name.replace(/^(?:properties\.)+/, '');
  if (stripped === '') return fail(name === '' ? 'a property name is empty' : `'${name}' names no property`);
  return { kind: 'property', name: stripped };
}
