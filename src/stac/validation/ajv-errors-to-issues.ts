import type { ErrorObject } from 'ajv';
import type { StacIssue } from './create-stac-validator.js';

/** Keywords whose error only says "something below failed"; the errors below say what. */
const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'not', 'if']);
const COMBINATORS = new Set(['oneOf', 'anyOf']);
/** How many allowed values an enum message lists before it elides the rest. */
const MAX_LISTED_VALUES = 8;

/**
 * Turns the errors of one Ajv run (one schema, `allErrors` and `verbose` on) into issues a person
 * can act on.
 *
 * With `allErrors`, a failed `oneOf`/`anyOf` reports the errors of every branch: a Polygon that
 * misses a point also "must be equal to Point", "must be equal to LineString", and so on, and an
 * Item checked by an extension schema also "must be equal to constant Collection". Ajv's
 * `schemaPath` names the branch (`.../oneOf/3/...`) of the errors inside it, so branches are
 * judged. A branch that wants another value of a discriminator (`const`/`enum` at or just below
 * the combinator's place: the `type` of a geometry or STAC object) or another JSON type for the
 * value itself is certainly wrong; one that wants another JSON type for a member
 * (`/geometry: must be null`) is probably wrong, while another branch is left. Wrong branches'
 * errors go. If no branch is left, the discriminator's allowed values become one issue. Errors
 * Ajv cannot place in a branch (it restarts `schemaPath` at a relative `$ref`) go with the next
 * error it can place, since Ajv reports a branch's errors together. Last, summary errors ("must
 * match exactly one schema in oneOf", "must match \"then\" schema") are dropped when anything
 * more specific remains.
 *
 * Messages are Ajv's, completed with what its params hold (the allowed values, the extra
 * property's name). Order is Ajv's evaluation order; duplicates (the same check reached by two
 * `$ref` paths) are reported once, and so is the same error on several items of one array.
 */
export function ajvErrorsToIssues(errors: readonly ErrorObject[]): StacIssue[] {
  const dropped = new Set<number>();
  const merged = new Map<number, StacIssue>();
  errors.forEach((error, index) => {
    if (COMBINATORS.has(error.keyword) && !dropped.has(index) && !hasSeveralPassing(error)) {
      judgeBranches(errors, index, dropped, merged);
    }
  });

  const kept = errors.map((error, index) => ({ error, index })).filter(({ index }) => !dropped.has(index));
  const specific = kept.some(({ error, index }) => merged.has(index) || !isSummary(error));
  const issues: StacIssue[] = [];
  const seen = new Set<string>();
  // One mistake repeated over an array (every vertex of a ring "must be number") is one issue.
  const siblings = new Map<string, { issue: StacIssue; message: string; more: number }>();
  for (const { error, index } of kept) {
    if (specific && !merged.has(index) && isSummary(error)) continue;
    const issue = merged.get(index) ?? { pointer: error.instancePath, message: describe(error) };
    const key = `${issue.pointer}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const element = /^(.*)\/\d+$/.exec(issue.pointer);
    if (element !== null) {
      const groupKey = `${element[1]}\u0000${issue.message}`;
      const group = siblings.get(groupKey);
      if (group !== undefined) {
        group.more++;
        group.issue.message = `${group.message} (and ${group.more} more item${group.more === 1 ? '' : 's'} of ${element[1] || '/'})`;
        continue;
      }
      siblings.set(groupKey, { issue, message: issue.message, more: 0 });
    }
    issues.push(issue);
  }
  return issues;
}

/** `not: {}` is how STAC schemas forbid a member; its failure is the specific reason, not a summary. */
function forbidsPresence(error: ErrorObject): boolean {
  const schema: unknown = error.schema;
  return error.keyword === 'not' && (schema === true || (typeof schema === 'object' && schema !== null && Object.keys(schema).length === 0));
}

function isSummary(error: ErrorObject): boolean {
  return SUMMARY_KEYWORDS.has(error.keyword) && !forbidsPresence(error);
}

/** `oneOf` failing because two branches passed has no branch errors to judge. */
function hasSeveralPassing(error: ErrorObject): boolean {
  const passing = (error.params as { passingSchemas?: unknown }).passingSchemas;
  return Array.isArray(passing);
}

function judgeBranches(errors: readonly ErrorObject[], at: number, dropped: Set<number>, merged: Map<number, StacIssue>): void {
  const combinator = errors[at] as ErrorObject;
  const prefix = `${combinator.schemaPath}/`;
  const branchOf = new Map<number, number>();
  let first = -1;
  for (let i = 0; i < at; i++) {
    const path = (errors[i] as ErrorObject).schemaPath;
    if (!path.startsWith(prefix)) continue;
    branchOf.set(i, Number(path.slice(prefix.length).split('/', 1)[0]));
    if (first < 0) first = i;
  }
  if (first < 0) return;
  // An error Ajv could not place belongs with the next one it could: a branch reports together.
  let next: number | undefined;
  for (let i = at - 1; i > first; i--) {
    if (branchOf.has(i)) next = branchOf.get(i);
    else if (!dropped.has(i) && next !== undefined && startsWithPointer((errors[i] as ErrorObject).instancePath, combinator.instancePath)) {
      branchOf.set(i, next);
    }
  }

  // Needs Ajv's `verbose`, which puts the branch list in `schema`; branches Ajv reported nothing
  // placeable for still count, as candidates for the right one.
  const branches = Array.isArray(combinator.schema) ? combinator.schema.length : new Set(branchOf.values()).size;
  const isValueMismatch = (e: ErrorObject): boolean => e.keyword === 'const' || e.keyword === 'enum';
  const isTypeMismatch = (e: ErrorObject): boolean => e.keyword === 'type';
  const byValue = wrongBranches(errors, branchOf, combinator, isValueMismatch, 1);
  // A branch for another value of a discriminator, or for another JSON type of the value itself
  // (`must be null` when a geometry is given), is certainly not the one meant.
  const certain = new Set([...byValue, ...wrongBranches(errors, branchOf, combinator, isTypeMismatch, 0)]);
  if (certain.size >= branches) {
    // No branch fits: say which values would have.
    const issue = byValue.size > 1 ? mergeValueMismatches(errors, branchOf) : null;
    if (issue !== null) {
      for (const i of branchOf.keys()) dropped.add(i);
      merged.set(at, issue);
    }
    return;
  }
  // A member of the wrong JSON type (`/geometry: must be null`) is weaker evidence: it may be the
  // very mistake in the branch that was meant, so it only rules out branches while one remains.
  const likely = new Set([...certain, ...wrongBranches(errors, branchOf, combinator, isTypeMismatch, 1)]);
  const wrong = likely.size < branches ? likely : certain;
  if (wrong.size === 0) return;
  for (const [i, branch] of branchOf) if (wrong.has(branch)) dropped.add(i);
  dropped.add(at);
}

/** Branches with an error passing `test` at most `maxDepth` levels below the combinator's place. */
function wrongBranches(
  errors: readonly ErrorObject[],
  branchOf: Map<number, number>,
  combinator: ErrorObject,
  test: (e: ErrorObject) => boolean,
  maxDepth: number,
): Set<number> {
  const wrong = new Set<number>();
  for (const [i, branch] of branchOf) {
    const e = errors[i] as ErrorObject;
    if (test(e) && depthBelow(e.instancePath, combinator.instancePath) <= maxDepth) wrong.add(branch);
  }
  return wrong;
}

/** Every branch wants a different value at the same place: one issue listing them all. */
function mergeValueMismatches(errors: readonly ErrorObject[], branchOf: Map<number, number>): StacIssue | null {
  let pointer: string | null = null;
  const allowed: unknown[] = [];
  for (const i of branchOf.keys()) {
    const e = errors[i] as ErrorObject;
    if (e.keyword !== 'const' && e.keyword !== 'enum') continue;
    if (pointer !== null && pointer !== e.instancePath) return null;
    pointer = e.instancePath;
    const params = e.params as { allowedValue?: unknown; allowedValues?: unknown[] };
    for (const v of e.keyword === 'const' ? [params.allowedValue] : (params.allowedValues ?? [])) {
      if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(v))) allowed.push(v);
    }
  }
  return pointer === null ? null : { pointer, message: `must be equal to one of the allowed values: ${listValues(allowed)}` };
}

function startsWithPointer(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function depthBelow(pointer: string, ancestor: string): number {
  if (!startsWithPointer(pointer, ancestor)) return Number.POSITIVE_INFINITY;
  const rest = pointer.slice(ancestor.length);
  return rest === '' ? 0 : rest.split('/').length - 1;
}

/** Ajv's message, with the detail its params hold and the message leaves out. */
function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'const':
      return `must be equal to constant ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `must be equal to one of the allowed values: ${listValues((params.allowedValues as unknown[]) ?? [])}`;
    case 'additionalProperties':
      return `must NOT have additional property ${JSON.stringify(params.additionalProperty)}`;
    case 'unevaluatedProperties':
      return `must NOT have unevaluated property ${JSON.stringify(params.unevaluatedProperty)}`;
    case 'false schema':
      return 'is not allowed here';
    case 'not':
      return forbidsPresence(error) ? 'is not allowed here' : (error.message ?? 'must NOT be valid');
    default:
      return error.message ?? `must pass "${error.keyword}"`;
  }
}

function listValues(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((v) => JSON.stringify(v));
  return values.length > MAX_LISTED_VALUES ? `${shown.join(', ')}, ... (${values.length} in all)` : shown.join(', ');
}
