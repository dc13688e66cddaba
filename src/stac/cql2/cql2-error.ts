import { InvalidRequestError } from '../../errors.js';

/**
 * Reports a problem at a place the caller already knows (an offset in the text, a JSON pointer) and
 * never returns. Shared checks (instants, geometries, operands) take one of these, so they word the
 * problem while each parser words the place.
 */
export type Cql2Fail = (problem: string) => never;

/** The error every bad filter becomes: a 400 `InvalidFilter` with the given description. */
export function cql2Error(description: string): InvalidRequestError {
  return new InvalidRequestError('InvalidFilter', description);
}
