import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/**
 * What PostgreSQL cannot store, whatever the column: `text` refuses the NUL character and `jsonb` (the audit entry)
 * refuses UTF-16 halves without their other half, which JSON can spell (`"\uD800"`) and JavaScript strings can hold.
 * Every request part a route declares (body, query string, path) is walked for them before its own schema runs, so
 * one place answers 400 naming the field for every route (issue 10), instead of the database answering 500.
 */
export type UnstorableReason = 'NUL_CHARACTER' | 'LONE_SURROGATE' | 'TOO_DEEP';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** No contract nests deeper than a few levels; far deeper input is an attack on the walkers, not data. */
export const MAX_INPUT_DEPTH = 32;
/** Enough to name the problem; a body of ten thousand bad strings does not need ten thousand lines. */
const MAX_FINDINGS = 20;

function reasonOf(s: string): UnstorableReason | null {
  if (s.includes('\u0000')) return 'NUL_CHARACTER';
  if (LONE_SURROGATE.test(s)) return 'LONE_SURROGATE';
  return null;
}

/**
 * A string that can be stored and shown: control characters (NUL among them) dropped, lone surrogates replaced by
 * U+FFFD, at most `max` UTF-16 units (as zod's max() counts), never cut between the two halves of a pair. For text that must be recorded even
 * when the request was refused (the name of a failed sign-in), and for names taken from headers.
 */
export function storableText(value: string, max: number): string {
  const clean = value.replace(/\p{Cc}/gu, '').replace(LONE_SURROGATES, '\uFFFD');
  // Well formed now, so a cut at `max` can only split the pair that straddles it: drop its first half too.
  return clean.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}

export interface UnstorableFinding {
  path: (string | number)[];
  reason: UnstorableReason;
}

/**
 * Every string (and object key) in a parsed request part that the database could not store, with its path. Walks
 * without recursion, so no input can exhaust the stack; files (Buffers) are bytes, not text, and are left alone.
 */
export function findUnstorable(value: unknown): UnstorableFinding[] {
  const found: UnstorableFinding[] = [];
  // `badKey`: the key itself is the finding (its value is not walked); kept on the stack so findings stay in order.
  type Item = { value: unknown; path: (string | number)[]; badKey?: UnstorableReason };
  const stack: Item[] = [{ value, path: [] }];
  while (stack.length > 0 && found.length < MAX_FINDINGS) {
    const item = stack.pop() as Item;
    if (item.badKey) {
      found.push({ path: item.path, reason: item.badKey });
      continue;
    }
    const v = item.value;
    if (typeof v === 'string') {
      const reason = reasonOf(v);
      if (reason) found.push({ path: item.path, reason });
      continue;
    }
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) continue;
    if (item.path.length >= MAX_INPUT_DEPTH) {
      found.push({ path: item.path, reason: 'TOO_DEEP' });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...item.path, i] });
      continue;
    }
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const reason = reasonOf(key);
      // A bad key is named in a form that can itself be shown and logged.
      if (reason) stack.push({ value: null, path: [...item.path, storableText(key, 64)], badKey: reason });
      else stack.push({ value: child, path: [...item.path, key] });
    }
  }
  return found;
}

/** The check as a zod schema, so that its refusals take the shape of every other validation error. */
const ZStorable = z.unknown().superRefine((value, ctx) => {
  for (const f of findUnstorable(value)) ctx.addIssue({ code: 'custom', path: f.path, message: f.reason });
});

/**
 * The application's validator compiler: the unstorable-input check first, then the route's own zod schema. Set
 * once in app.ts, so no route can be left out.
 */
export function refusingUnstorableInput(
  compile: FastifySchemaCompiler<ZodType> = validatorCompiler,
): FastifySchemaCompiler<ZodType> {
  const check = validatorCompiler({ schema: ZStorable, method: '', url: '', httpPart: 'body' });
  return (route) => {
    const validate = compile(route);
    return (data) => {
      const refused = check(data) as { error?: unknown };
      if (refused.error) return refused as ReturnType<typeof validate>;
      return validate(data);
    };
  };
}
