import { safeParse, type z } from 'zod';

/** What a fast parser returns when it cannot vouch for the input: ask zod (for the result or the message). */
export const NOT_FAST: unique symbol = Symbol('not fast');

/** Marks an absent optional key among parsed values. */
const ABSENT: unique symbol = Symbol('absent');

export type FastParser<T> = (input: unknown) => T | typeof NOT_FAST;

type Schema = z.core.$ZodType;
type Check = z.core.$ZodCheck;
type Payload = z.core.ParsePayload;
type Node = (input: unknown) => unknown;

/**
 * A parser derived from a zod schema for the common case of a valid value: it walks the
 * schema's definition once and answers with exactly what zod's parse would give (same keys in
 * the same order, unknown keys stripped, strings trimmed), running zod's own check functions —
 * the input itself where it already is that result (so the caller must own the input);
 * at the first problem it gives up with NOT_FAST, and the caller asks zod, whose issues stay
 * the only error messages. Why: the stream's valid entries pass zod's generic machinery
 * (a payload and issue list per field) at about 5 µs each, a third of ingest.
 * The schema stays the single source of truth: kinds this does not know (pipes, transforms,
 * defaults, catch-alls, plain unions…) are handed to zod as they are.
 */
export function compileFastParser<S extends Schema>(schema: S): FastParser<z.output<S>> {
  const root = compile(schema);
  return (input) => {
    try {
      return root(input) as z.output<S> | typeof NOT_FAST;
    } catch {
      // Whatever a hostile value does here, zod decides (and says why).
      return NOT_FAST;
    }
  };
}

function compile(schema: Schema): Node {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const checks = checksOf(schema);
  if (checks === null) return delegate(schema);
  const withChecks = (node: Node): Node => (checks.length === 0 ? node : checked(node, checks));
  // Any kind not listed goes to zod: the list is of what this compiler knows, not of zod's kinds.
  const kind: string = def.type;
  switch (kind) {
    case 'string':
      if (def.coerce) return delegate(schema);
      return withChecks((input) => (typeof input === 'string' ? input : NOT_FAST));
    case 'number':
      if (def.coerce) return delegate(schema);
      return withChecks((input) => (typeof input === 'number' && Number.isFinite(input) ? input : NOT_FAST));
    case 'boolean':
      if (def.coerce) return delegate(schema);
      return withChecks((input) => (typeof input === 'boolean' ? input : NOT_FAST));
    case 'literal':
    case 'enum': {
      const values = schema._zod.values;
      if (!values) return delegate(schema);
      return withChecks((input) => (values.has(input as never) ? input : NOT_FAST));
    }
    case 'optional':
      return compileOptional(schema, def as unknown as z.core.$ZodOptionalDef, withChecks);
    case 'object':
      return compileObject(schema, def as unknown as z.core.$ZodObjectDef, withChecks);
    case 'array': {
      const element = compile((def as unknown as z.core.$ZodArrayDef).element);
      return withChecks((input) => {
        if (!Array.isArray(input)) return NOT_FAST;
        let output: unknown[] | null = null;
        for (let i = 0; i < input.length; i += 1) {
          const value = element(input[i]);
          if (value === NOT_FAST) return NOT_FAST;
          // Copied only from the first element that parses to something else (a trimmed string).
          if (output === null && value !== input[i]) output = input.slice(0, i);
          output?.push(value);
        }
        return output ?? input;
      });
    }
    case 'union':
      return compileDiscriminated(schema, def as unknown as z.core.$ZodDiscriminatedUnionDef, withChecks);
    default:
      return delegate(schema);
  }
}

function compileOptional(schema: Schema, def: z.core.$ZodOptionalDef, withChecks: (n: Node) => Node): Node {
  // A default inside substitutes a value for absence: zod's business.
  if (def.innerType._zod.optin === 'defaulted') return delegate(schema);
  const inner = compile(def.innerType);
  return withChecks((input) => (input === undefined ? undefined : inner(input)));
}

function compileObject(schema: Schema, def: z.core.$ZodObjectDef, withChecks: (n: Node) => Node): Node {
  if (def.catchall !== undefined) return delegate(schema);
  const fields: { key: string; parse: Node; isOptional: boolean }[] = [];
  for (const key of Object.keys(def.shape)) {
    if (key === '__proto__') continue;
    const field = def.shape[key] as Schema;
    const { optin, optout } = field._zod;
    if (optin === 'defaulted' || (optin !== undefined) !== (optout !== undefined)) return delegate(schema);
    fields.push({ key, parse: compile(field), isOptional: optin !== undefined });
  }
  return withChecks((input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return NOT_FAST;
    const record = input as Record<string, unknown>;
    const values = new Array<unknown>(fields.length);
    let isUnchanged = true;
    for (let i = 0; i < fields.length; i += 1) {
      const field = fields[i] as (typeof fields)[number];
      if (!(field.key in record)) {
        if (!field.isOptional) return NOT_FAST;
        values[i] = ABSENT;
        continue;
      }
      const raw = record[field.key];
      const value = field.parse(raw);
      if (value === NOT_FAST) return NOT_FAST;
      values[i] = value;
      if (value !== raw) isUnchanged = false;
    }
    // The input already is zod's result (same values, no other keys, the shape's order): it
    // serves as is, sparing a copy of every object of every entry.
    if (isUnchanged && hasExactly(record, fields, values)) return record;
    // Keys in the shape's order, as zod writes them; an absent optional key stays absent.
    const output: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i += 1) {
      if (values[i] !== ABSENT) output[(fields[i] as (typeof fields)[number]).key] = values[i];
    }
    return output;
  });
}

/** True when the record's own keys are exactly the present fields, in the shape's order. */
function hasExactly(record: Record<string, unknown>, fields: readonly { key: string }[], values: unknown[]): boolean {
  let i = 0;
  for (const key in record) {
    while (i < fields.length && values[i] === ABSENT) i += 1;
    if (i === fields.length || (fields[i] as { key: string }).key !== key) return false;
    i += 1;
  }
  while (i < fields.length && values[i] === ABSENT) i += 1;
  return i === fields.length;
}

function compileDiscriminated(
  schema: Schema,
  def: z.core.$ZodDiscriminatedUnionDef,
  withChecks: (n: Node) => Node,
): Node {
  if (typeof def.discriminator !== 'string' || def.unionFallback) return delegate(schema);
  const byTag = new Map<unknown, Node>();
  for (const option of def.options) {
    const tags = option._zod.propValues?.[def.discriminator];
    if (!tags) return delegate(schema);
    const parse = compile(option);
    for (const tag of tags) byTag.set(tag, parse);
  }
  const discriminator = def.discriminator;
  return withChecks((input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return NOT_FAST;
    const parse = byTag.get((input as Record<string, unknown>)[discriminator]);
    return parse ? parse(input) : NOT_FAST;
  });
}

/** The checks zod runs after parsing this schema (a string format is a check itself); null if any is async-only. */
function checksOf(schema: Schema): Check[] | null {
  const own = schema._zod.traits.has('$ZodCheck') ? [schema as unknown as Check] : [];
  const list = [...own, ...(schema._zod.def.checks ?? [])];
  return list.every((check) => typeof check._zod.check === 'function') ? list : null;
}

/** Runs zod's own check functions, in order (a `.trim()` rewrites the value for the next). */
function checked(parse: Node, checks: readonly Check[]): Node {
  // One payload per node, reused: a check never keeps it, and a node is not re-entered
  // (`isBusy` covers a custom check that would parse with the same schema).
  const shared: Payload = { value: undefined, issues: [] };
  let isBusy = false;
  return (input) => {
    const parsed = parse(input);
    if (parsed === NOT_FAST) return NOT_FAST;
    const payload: Payload = isBusy ? { value: parsed, issues: [] } : shared;
    payload.value = parsed;
    payload.issues.length = 0;
    const wasBusy = isBusy;
    isBusy = true;
    try {
      for (const check of checks) {
        const when = check._zod.def.when;
        if (when && !when(payload as never)) continue;
        const result: unknown = check._zod.check(payload as never);
        if (result instanceof Promise || payload.issues.length > 0) return NOT_FAST;
      }
      return payload.value;
    } finally {
      isBusy = wasBusy;
      // Nothing of this input stays reachable from the shared payload.
      shared.value = undefined;
      shared.issues.length = 0;
    }
  };
}

/** A kind this compiler does not know: zod parses it, and any problem sends the caller to zod. */
function delegate(schema: Schema): Node {
  return (input) => {
    const result = safeParse(schema, input);
    return result.success ? result.data : NOT_FAST;
  };
}
