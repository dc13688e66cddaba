/**
 * Errors every layer may throw. Each carries a stable `code` (the class's purpose, e.g. `InvalidBbox`)
 * and a human `description`; `http/error-handler.ts` maps the class to a status once
 * (stac-fastapi's errors table). Domain code never thinks in HTTP statuses.
 */
export abstract class EopoolError extends Error {
  readonly code: string;
  /** Extra JSON-serialisable detail for the response body (per-item reports, schema pointers). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, description: string, details?: Record<string, unknown>) {
    super(description);
    this.code = code;
    this.details = details;
  }

  get description(): string {
    return this.message;
  }
}

/** The request itself is wrong: a malformed parameter, body, geometry, datetime, CQL2 text. (400) */
export class InvalidRequestError extends EopoolError {}

/** A STAC document failed its JSON schema or eopool's own rules. (400) */
export class InvalidStacError extends EopoolError {}

/** No key, or a key that is unknown or revoked. (401) */
export class UnauthorizedError extends EopoolError {}

/** A valid key that may not do this. (403) */
export class ForbiddenError extends EopoolError {}

/** The named resource does not exist. (404) */
export class NotFoundError extends EopoolError {}

/** The write clashes with what is stored: a duplicate id, a collection that still has items. (409) */
export class ConflictError extends EopoolError {}

/** A body or line over its configured limit. (413) */
export class PayloadTooLargeError extends EopoolError {}

/** The service is not ready yet (migrations running). (503) */
export class UnavailableError extends EopoolError {}
