import type { ErrorObject } from 'ajv';
import { ajvErrorsToIssues } from './ajv-errors-to-issues.js';
import { createLocalSchemaCompiler, type CompiledSchema } from './local-schema-compiler.js';

/** One reason a document fails its schemas. */
export interface StacIssue {
  /** JSON pointer (RFC 6901) into the document; `''` is the document itself. */
  pointer: string;
  /** Ajv's message, e.g. `must match format "date-time"`. */
  message: string;
}

/** Validates STAC documents against local schemas; build one per process and keep it. */
export interface StacValidator {
  /** Validate against the core schema of the document's stac_version and each declared extension's schema, from the local schemas/ folder only; an extension whose schema is not present is a warning, not an error. */
  validate(doc: Record<string, unknown>, kind: 'Item' | 'Collection'): { errors: StacIssue[]; warnings: string[] };
}

/** At most this many issues are returned: enough to fix a document, few enough to read. */
export const MAX_ISSUES = 10;

/**
 * Builds a validator over `schemasDir` (laid out by schema URL, see {@link createLocalSchemaCompiler}).
 * Each schema is compiled on its first use and kept: the first Item of a version and set of
 * extensions pays a few hundred milliseconds of compiling, later ones tens of microseconds. The
 * first invalid document against a schema compiles it once more, for full error reports. Never
 * touches the network.
 *
 * Migrate older documents with `migrateStac` first: only the versions whose core schemas are in
 * the folder (1.0.0-beta.2 and later) can be validated; others get an error on `/stac_version`.
 */
export function createStacValidator(options: { schemasDir: string }): StacValidator {
  const compiler = createLocalSchemaCompiler(options.schemasDir);

  return {
    validate(doc, kind) {
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        return { errors: [{ pointer: '', message: 'must be object' }], warnings: [] };
      }
      // Ajv's schemaPaths are relative to each schema, so each run's errors are read on their own.
      const failures: ErrorObject[][] = [];
      const own: StacIssue[] = [];
      const warnings: string[] = [];
      const run = (schema: CompiledSchema & { ok: true }): void => {
        if (!schema.test(doc)) failures.push(schema.explain(doc));
      };

      const unresolved = compiler.collectUnresolved(() => {
        const version = doc.stac_version;
        if (typeof version !== 'string') {
          own.push({ pointer: '', message: "must have required property 'stac_version' (a string)" });
        } else {
          const name = kind === 'Item' ? 'item' : 'collection';
          const url = `https://schemas.stacspec.org/v${version}/${name}-spec/json-schema/${name}.json`;
          const core = compiler.compile(url);
          if (core.ok) run(core);
          else own.push({ pointer: '/stac_version', message: `no local ${kind} schema for STAC ${version} (${core.detail})` });
        }
        const extensions = Array.isArray(doc.stac_extensions) ? doc.stac_extensions : [];
        for (const ext of new Set(extensions)) {
          if (typeof ext !== 'string') continue; // the core schema reports it
          if (!/^https?:\/\//i.test(ext)) {
            warnings.push(`extension "${ext}" is not a schema URL; not validated`);
            continue;
          }
          const schema = compiler.compile(ext);
          if (schema.ok) run(schema);
          else if (schema.reason === 'missing') warnings.push(`extension ${ext} has no local schema; not validated`);
          else warnings.push(`extension ${ext} not validated: ${schema.detail}`);
        }
      });

      const seen = new Set<string>();
      for (const { pointer, url } of unresolved) {
        const key = `${pointer} ${url}`;
        if (seen.has(key)) continue;
        seen.add(key);
        warnings.push(`${pointer || '/'}: not checked against ${url}, which has no local copy`);
      }
      const errors = [...own];
      const reported = new Set<string>();
      for (const issue of failures.flatMap((run) => ajvErrorsToIssues(run))) {
        // Extension schemas often restate core rules; the same issue is reported once.
        const key = `${issue.pointer}\u0000${issue.message}`;
        if (reported.has(key)) continue;
        reported.add(key);
        errors.push(issue);
      }
      return { errors: errors.slice(0, MAX_ISSUES), warnings };
    },
  };
}
