/** Bounds on what the CQL2 parsers accept, so that a hostile filter costs little and never overflows the stack. */
export interface Cql2Limits {
  /**
   * Deepest nesting of expressions: parentheses, function and predicate arguments, `NOT`, unary
   * minus, JSON objects. `a AND b AND c ...` is flat however long, so this bites only on real nesting.
   */
  readonly maxDepth: number;
  /** Longest CQL2 text, in UTF-16 code units (JavaScript string length). JSON is bounded by the body limit. */
  readonly maxTextLength: number;
}

/** The defaults: nesting 100 deep, text 100,000 characters. */
export const CQL2_LIMITS: Cql2Limits = Object.freeze({ maxDepth: 100, maxTextLength: 100_000 });
