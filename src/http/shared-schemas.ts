/** Schemas shared by many routes, registered once with `addSchema` and referenced as `Name#`. */
export const SHARED_SCHEMAS = [
  {
    $id: 'Error',
    type: 'object',
    description: 'Every 4xx and 5xx answer',
    required: ['code', 'description'],
    properties: { code: { type: 'string' }, description: { type: 'string' } },
    additionalProperties: true,
  },
  {
    $id: 'Link',
    type: 'object',
    required: ['rel', 'href'],
    properties: {
      rel: { type: 'string' },
      href: { type: 'string' },
      type: { type: 'string' },
      title: { type: 'string' },
      method: { type: 'string' },
      body: {},
      merge: { type: 'boolean' },
    },
    additionalProperties: true,
  },
  {
    $id: 'StacDocument',
    type: 'object',
    description: 'A STAC Item or Collection, stored and answered whole (foreign members included)',
    additionalProperties: true,
  },
] as const;

/** An answer with standard error bodies for the given statuses. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'Error#' }]));
}
