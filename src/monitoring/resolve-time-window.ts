import { InvalidRequestError } from '../errors.js';
import { parseRfc3339 } from '../stac/search/parse-datetime.js';
import { subtractIsoDuration } from './subtract-iso-duration.js';

/** The instants a monitoring answer is anchored on. */
export interface TimeWindow {
  /** Scenes before this are left out; null: no lower bound. */
  since: Date | null;
  /** Ages, `since` durations and predicted passes count from here. */
  at: Date;
}

/** How the parameters are called in the request (`since`/`at`, or `start`/`end` for observed revisit). */
export interface TimeWindowOptions {
  /** Used when `since` is absent, itself either form; null: no lower bound. */
  defaultSince?: string | null;
  names?: { since: string; at: string };
}

/**
 * Resolve the common `since` and `at` parameters: `at` is an RFC 3339 date-time (default `now`);
 * `since` is an RFC 3339 date-time or an ISO 8601 duration counted back from `at` (`P7D`).
 *
 * @throws InvalidRequestError `InvalidDatetime` for a malformed `at`, `InvalidSince` for a malformed
 *   `since` or one after `at`
 */
export function resolveTimeWindow(input: { since?: string | null; at?: string | null }, now: Date, options: TimeWindowOptions = {}): TimeWindow {
  const names = options.names ?? { since: 'since', at: 'at' };
  const at = input.at == null ? now : new Date(parseRfc3339(input.at, names.at));
  const sinceText = input.since ?? options.defaultSince ?? null;
  if (sinceText === null) return { since: null, at };
  const since = /^\s*P/i.test(sinceText) ? subtractIsoDuration(at, sinceText) : parseSince(sinceText, names.since);
  if (since.getTime() > at.getTime()) {
    throw new InvalidRequestError('InvalidSince', `${names.since} (${since.toISOString()}) is after ${names.at} (${at.toISOString()})`);
  }
  return { since, at };
}

function parseSince(text: string, name: string): Date {
  try {
    return new Date(parseRfc3339(text, name));
  } catch {
    throw new InvalidRequestError('InvalidSince', `${name} "${text}" is neither an RFC 3339 date-time nor an ISO 8601 duration such as P7D`);
  }
}
