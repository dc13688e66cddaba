import { InvalidRequestError } from '../../errors.js';

/** The fields extension's choice: dotted paths to add to the default set, and paths to remove. */
export interface FieldsSpec {
  include: string[];
  exclude: string[];
}

/**
 * The fields extension's `fields`: in GET `a,-b` (`+a` or a bare name includes, `-b` excludes; a
 * `+` turned into a space counts as `+`), in POST `{"include": [..], "exclude": [..]}`. Throws
 * InvalidFields.
 */
export function parseFields(raw: unknown): FieldsSpec {
  if (typeof raw === 'string') {
    const spec: FieldsSpec = { include: [], exclude: [] };
    for (const part of raw.split(',')) {
      const text = part.trim();
      if (text === '') continue;
      const path = checkedPath(/^[+-]/.test(text) ? text.slice(1) : text);
      (text.startsWith('-') ? spec.exclude : spec.include).push(path);
    }
    return spec;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidRequestError('InvalidFields', `fields must be {"include": [..], "exclude": [..]}, got ${JSON.stringify(raw)}`);
  }
  const { include, exclude, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0) {
    throw new InvalidRequestError('InvalidFields', `fields has unknown members: ${Object.keys(rest).join(', ')}`);
  }
  return { include: pathList(include, 'include'), exclude: pathList(exclude, 'exclude') };
}

function pathList(raw: unknown, name: string): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((p) => typeof p === 'string')) {
    throw new InvalidRequestError('InvalidFields', `fields.${name} must be an array of strings`);
  }
  return raw.map((p: string) => checkedPath(p));
}

function checkedPath(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '' || trimmed.split('.').some((segment) => segment === '')) {
    throw new InvalidRequestError('InvalidFields', `"${path}" is not a field path such as properties.eo:cloud_cover`);
  }
  return trimmed;
}
