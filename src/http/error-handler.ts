import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ConflictError,
  EopoolError,
  ForbiddenError,
  InvalidRequestError,
  InvalidStacError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnavailableError,
} from '../errors.js';

/** The one table from error class to HTTP status (stac-fastapi's DEFAULT_STATUS_CODES). */
const STATUS_OF: [abstract new (...args: never[]) => EopoolError, number][] = [
  [InvalidRequestError, 400],
  [InvalidStacError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [PayloadTooLargeError, 413],
  [UnavailableError, 503],
];

/** Fastify's own client errors, renamed into eopool's codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'InvalidContentLength',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EmptyBody',
  FST_ERR_CTP_INVALID_JSON_BODY: 'InvalidJson',
};

export interface ErrorBody {
  code: string;
  description: string;
  [detail: string]: unknown;
}

/** The `{code, description}` body and status of any error; 5xx hide their text. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof EopoolError) {
    const status = STATUS_OF.find(([type]) => error instanceof type)?.[1] ?? 500;
    return { status, body: { code: error.code, description: error.description, ...error.details } };
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation !== undefined) {
    return { status: 400, body: { code: 'InvalidParameter', description: describeValidation(fastifyError) } };
  }
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: { code: 'InvalidJson', description: `the body is not valid JSON: ${fastifyError.message}` } };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code] ?? 'BadRequest';
    return { status, body: { code, description: fastifyError.message } };
  }
  return { status: 500, body: { code: 'InternalError', description: 'an internal error occurred; it has been logged' } };
}

/** "querystring/limit must be >= 1", "body has an unknown field \"colour\"". */
function describeValidation(error: FastifyError & { validationContext?: string }): string {
  const where = error.validationContext ?? 'request';
  return (error.validation ?? [])
    .slice(0, 3)
    .map((issue) => {
      const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
      const subject = path === '' ? where : `${where} ${path}`;
      const params = issue.params as Record<string, unknown>;
      if (issue.keyword === 'additionalProperties') return `${subject} has an unknown field "${String(params.additionalProperty)}"`;
      if (issue.keyword === 'required') return `${subject} lacks the required field "${String(params.missingProperty)}"`;
      return `${subject} ${issue.message ?? 'is invalid'}`;
    })
    .join('; ');
}

/** Install the root error and not-found handlers: every failure answers `{code, description}`. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = errorResponse(error);
    // A 503 while starting is expected traffic, not a fault of ours.
    if (status >= 500 && status !== 503) {
      request.log.error({ err: error, method: request.method, url: request.url, params: request.params }, 'request failed');
    }
    return reply.status(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'NotFound', description: `no route ${request.method} ${request.url.split('?')[0]}` }),
  );
}
