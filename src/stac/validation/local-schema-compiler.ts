import { readFileSync } from 'node:fs';
import path from 'node:path';
import ajvDraft07 from 'ajv';
import {
  MissingRefError,
  type AnySchemaObject,
  type ErrorObject,
  type FuncKeywordDefinition,
  type Options,
  type SchemaValidateFunction,
  type ValidateFunction,
} from 'ajv';
import ajv2019 from 'ajv/dist/2019.js';
import ajv2020 from 'ajv/dist/2020.js';
import draft07MetaSchema from 'ajv/dist/refs/json-schema-draft-07.json' with { type: 'json' };
import ajvFormats from 'ajv-formats';
import { IRI_FORMATS } from './iri-formats.js';

/** A schema ready to run, or why it cannot be. */
export type CompiledSchema =
  | {
      ok: true;
      /** Fast pass/fail check: stops at the first error of each subschema, builds no messages. */
      test: (doc: unknown) => boolean;
      /** Every error, with its subschema attached (Ajv `allErrors` and `verbose`), for reporting. */
      explain: (doc: unknown) => ErrorObject[];
    }
  | { ok: false; reason: 'missing' | 'unreadable' | 'uncompilable'; detail: string };

/** A place in a document that met a `$ref` whose target has no local copy, so went unchecked. */
export interface UnresolvedRef {
  pointer: string;
  url: string;
}

/** Schemas from one local folder laid out by URL, compiled once each and kept. */
export interface LocalSchemaCompiler {
  /** The compiled schema of `url` (fragment ignored), compiling it and its references on first use. */
  compile(url: string): CompiledSchema;
  /** Runs `fn` and returns the unresolved references its validations met. Not re-entrant. */
  collectUnresolved(fn: () => void): UnresolvedRef[];
}

/** Keyword of the stand-in for a referenced schema that is not in the folder. */
const UNRESOLVED_KEYWORD = 'x-eopool-unresolved';
/** More distinct missing schemas than a real reference graph has means something loops. */
const MAX_LOADS_PER_COMPILE = 500;

type Draft = '07' | '2019-09' | '2020-12';
type Mode = 'test' | 'explain';
type AjvInstance = InstanceType<typeof ajvDraft07.default>;
type Loaded = { ok: true; schema: AnySchemaObject } | { ok: false; reason: 'missing' | 'unreadable'; detail: string };

/** An Ajv instance and the keys added to it, so none is added twice. */
interface Slot {
  ajv: AjvInstance;
  added: Set<string>;
}

/**
 * Compiles STAC, GeoJSON and extension schemas from `schemasDir`, where a schema URL maps onto a
 * path (`https://schemas.stacspec.org/v1.1.0/item-spec/json-schema/item.json` ->
 * `<schemasDir>/schemas.stacspec.org/v1.1.0/item-spec/json-schema/item.json`). Nothing is ever
 * fetched: the Ajv instances get no `loadSchema`, and each missing `$ref` target is read from the
 * folder by the compile loop below, the synchronous twin of Ajv's `compileAsync`.
 *
 * Each schema is compiled twice, lazily: once to test (first error only, no error detail: a
 * wrong geometry branch of a `oneOf` stops at its `type` instead of walking every vertex), and,
 * the first time a document fails it, once more to explain (every error, with its subschema).
 *
 * As in stac-node-validator, the JSON Schema draft a root schema declares picks its Ajv class:
 * draft-07 (all STAC, GeoJSON and extension schemas of 2025) the plain `Ajv`, which does no
 * `unevaluated*` bookkeeping; 2019-09 `Ajv2019` and 2020-12 `Ajv2020`. A `$ref` target that is
 * absent (PROJJSON, OGC TMS), unreadable or of another draft becomes a stand-in that accepts any
 * non-null value and records where it was met, so the rest of the referring schema still
 * applies. It refuses `null` because the real targets describe objects, and an always-true
 * stand-in would make `oneOf: [{$ref}, {type: null}]` fail on null.
 */
export function createLocalSchemaCompiler(schemasDir: string): LocalSchemaCompiler {
  const root = path.resolve(schemasDir);
  const compiled = new Map<string, CompiledSchema>();
  const files = new Map<string, Loaded>();
  const slots = new Map<string, Slot>();
  let unresolved: UnresolvedRef[] | null = null;

  const standIn: SchemaValidateFunction = (url: string, data: unknown, _parent, cxt) => {
    unresolved?.push({ pointer: cxt?.instancePath ?? '', url });
    if (data !== null) return true;
    standIn.errors = [{ keyword: UNRESOLVED_KEYWORD, message: `must not be null (${url} has no local copy to say more)`, params: { url } }];
    return false;
  };
  const unresolvedKeyword: FuncKeywordDefinition = { keyword: UNRESOLVED_KEYWORD, schemaType: 'string', errors: true, validate: standIn };

  function slotFor(draft: Draft, mode: Mode): Slot {
    const key = `${draft} ${mode}`;
    let slot = slots.get(key);
    if (slot === undefined) {
      const options: Options = {
        // STAC schemas use keywords and formats Ajv does not know (e.g. "deprecated" in draft-07).
        strict: false,
        allErrors: mode === 'explain',
        // Errors then carry their schema, which for oneOf/anyOf is the branch list ajvErrorsToIssues needs.
        verbose: mode === 'explain',
        // Only the explaining pass needs messages; the testing pass only needs true or false.
        messages: mode === 'explain',
        logger: false,
        formats: IRI_FORMATS,
      };
      const ajv = draft === '2020-12' ? new ajv2020.default(options) : draft === '2019-09' ? new ajv2019.default(options) : new ajvDraft07.default(options);
      // Ajv2019 starts with the 2019-09 meta-schema only; draft-07 schemas it references need theirs.
      if (draft === '2019-09') ajv.addMetaSchema(draft07MetaSchema);
      ajvFormats.default(ajv);
      ajv.addKeyword(unresolvedKeyword);
      slot = { ajv, added: new Set() };
      slots.set(key, slot);
    }
    return slot;
  }

  function fileOf(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    const file = path.join(root, parsed.hostname, decodeURIComponent(parsed.pathname));
    // new URL() already folds `..`; this guards encoded ones.
    return file.startsWith(root + path.sep) ? file : null;
  }

  function load(url: string): Loaded {
    const cached = files.get(url);
    if (cached !== undefined) return cached;
    const loaded = read(url);
    files.set(url, loaded);
    return loaded;
  }

  function read(url: string): Loaded {
    const file = fileOf(url);
    if (file === null) return { ok: false, reason: 'missing', detail: `${url} is not an http(s) URL` };
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { ok: false, reason: 'missing', detail: `no local copy of ${url}` };
    }
    let schema: unknown;
    try {
      schema = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: 'unreadable', detail: `local copy of ${url} is not valid JSON (${(error as Error).message})` };
    }
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      return { ok: false, reason: 'unreadable', detail: `local copy of ${url} is not a JSON object` };
    }
    // Key the schema by the URL it was asked for: some published $id values disagree with their
    // location (dev/ says v1.1.0-beta.1, raster/1.1.0 says v1.1.0, a "commonjson" typo), and two
    // files sharing an $id would clash in one Ajv instance.
    return { ok: true, schema: { ...(schema as AnySchemaObject), $id: url } };
  }

  /** Adds `url` (already loaded) to the slot and compiles it, reading each missing reference as it comes. */
  function compileIn(slot: Slot, url: string, schema: AnySchemaObject): ValidateFunction | string {
    if (!slot.added.has(url)) {
      slot.added.add(url);
      try {
        slot.ajv.addSchema(schema, url);
      } catch (error) {
        return `${url} is not a valid schema: ${(error as Error).message}`;
      }
    }
    const attempted = new Set<string>();
    for (let i = 0; i < MAX_LOADS_PER_COMPILE; i++) {
      try {
        return slot.ajv.getSchema(url) ?? `${url} did not compile`;
      } catch (error) {
        if (!(error instanceof MissingRefError)) return `${url} does not compile: ${(error as Error).message}`;
        const missing = error.missingSchema;
        if (attempted.has(missing)) return `${url} refers to ${error.missingRef}, which cannot be resolved`;
        attempted.add(missing);
        addReference(slot, missing);
      }
    }
    return `${url} refers to more than ${MAX_LOADS_PER_COMPILE} schemas`;
  }

  function addReference(slot: Slot, url: string): void {
    slot.added.add(url);
    const loaded = load(url);
    if (loaded.ok) {
      try {
        slot.ajv.addSchema(loaded.schema, url);
        return;
      } catch {
        // Not a schema this Ajv instance accepts (another draft, an invalid keyword): treat as absent.
        slot.ajv.removeSchema(url);
      }
    }
    slot.ajv.addSchema({ $id: url, [UNRESOLVED_KEYWORD]: url }, url);
  }

  function compileRoot(url: string): CompiledSchema {
    const loaded = load(url);
    if (!loaded.ok) return loaded;
    const draft = draftOf(loaded.schema);
    const test = compileIn(slotFor(draft, 'test'), url, loaded.schema);
    if (typeof test === 'string') return { ok: false, reason: 'uncompilable', detail: test };
    let explainer: ValidateFunction | null = null;
    return {
      ok: true,
      test: (doc) => test(doc),
      explain: (doc) => {
        if (explainer === null) {
          const compiledForExplain = compileIn(slotFor(draft, 'explain'), url, loaded.schema);
          // It compiled once with the same references; a failure now would be Ajv's, not the schema's.
          if (typeof compiledForExplain === 'string') throw new Error(compiledForExplain);
          explainer = compiledForExplain;
        }
        return explainer(doc) ? [] : [...(explainer.errors ?? [])];
      },
    };
  }

  return {
    compile(url) {
      const key = url.split('#')[0] ?? url;
      let result = compiled.get(key);
      if (result === undefined) {
        result = compileRoot(key);
        compiled.set(key, result);
      }
      return result;
    },
    collectUnresolved(fn) {
      const found: UnresolvedRef[] = [];
      unresolved = found;
      try {
        fn();
      } finally {
        unresolved = null;
      }
      return found;
    },
  };
}

function draftOf(schema: AnySchemaObject): Draft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (/json-schema\.org\/draft\/2020-12\/schema/.test(declared)) return '2020-12';
  if (/json-schema\.org\/draft\/2019-09\/schema/.test(declared)) return '2019-09';
  return '07';
}
