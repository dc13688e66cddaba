import type { FieldsSpec } from './parse-fields.js';

/** What an item keeps when `fields` is given, before its includes and excludes (fields extension). */
const DEFAULT_FIELDS: readonly string[] = Object.freeze([
  'type',
  'stac_version',
  'id',
  'bbox',
  'geometry',
  'links',
  'assets',
  'collection',
  'properties.datetime',
]);

/**
 * An item cut down by the fields extension: the default fields plus `include`, then without
 * `exclude` (an exclude wins over any include, even of a parent or child path). Paths are dotted
 * (`properties.eo:cloud_cover`, `assets.thumbnail`); a path the item lacks is skipped. The item is
 * not changed.
 */
export function projectFields(item: Record<string, unknown>, spec: FieldsSpec): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const path of [...DEFAULT_FIELDS, ...spec.include]) copyPath(item, result, path.split('.'));
  for (const path of spec.exclude) deletePath(result, path.split('.'));
  return result;
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(from, head)) return;
  const value = from[head];
  if (rest.length === 0) {
    to[head] = structuredClone(value);
    return;
  }
  if (!isObject(value)) return;
  const existing = to[head];
  const target = isObject(existing) ? existing : {};
  to[head] = target;
  copyPath(value, target, rest);
}

function deletePath(from: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (!Object.hasOwn(from, head)) return;
  if (rest.length === 0) {
    delete from[head];
    return;
  }
  const value = from[head];
  if (isObject(value)) deletePath(value, rest);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
