import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAction, TRole } from '../src/contracts/access';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { can } from '../src/server/lib/access/permissions';
import { buildTestApp, loginAs, nextIp, type TestApp } from './helpers/app';
import type { World } from './helpers/world';

/**
 * Hostile input never makes a 500 (issue 10). Driven by the OpenAPI document: for every route and method, signed in
 * as a user whose role may call it, requests built from the route's own schemas carry one to three hostile values —
 * NUL bytes, unpaired surrogates, integers past int4 and past 2^53, 1e309, impossible or out-of-range days, wrong
 * types, huge strings and arrays, path segments like %00 and 99999999999, file names that break headers. The answer
 * must be below 500, and a refusal must carry the `{ code }` body. A fixed seed and a bounded number of runs per
 * route keep it repeatable and quick; a failure names the route and the request.
 */

const SEED = 20_261_207;
const RUNS_PER_ROUTE = 12;

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** A token as it goes on the wire, which JSON.stringify or encodeURIComponent could not write (1e309, %ED%A0%80). */
class Raw {
  constructor(
    readonly json: string,
    readonly url: string = json,
  ) {}
  toString() {
    return `Raw(${this.json})`;
  }
}
const REMOVE = 'REMOVE-THE-FIELD';

interface Slot {
  part: 'path' | 'query' | 'body' | 'header';
  key: (string | number)[];
  schema: Schema;
}

/** Strings the database cannot store, and strings that only look like days. */
const HOSTILE_STRINGS: unknown[] = [
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDC00y',
  '\uDBFF\uDBFF',
  '😀\uD83D',
  '2026-02-30',
  '2026-13-01',
  '2026-04-31',
  '2025-02-29',
  '0000-01-01',
  '9999-12-31',
  '2024-02-29',
  '',
  ' ',
  '99999999999',
  'x'.repeat(100_000),
];
/** Numbers past int4, past 2^53, past a double, below zero, not whole. */
const HOSTILE_NUMBERS: unknown[] = [
  2 ** 31,
  2 ** 31 - 1,
  2 ** 53,
  -(2 ** 31) - 1,
  -1,
  0,
  1.5,
  1e12,
  new Raw('1e309'),
  new Raw('-1e309'),
  '1',
  '2147483648',
];
/** Wrong types, sheer size and keys the database cannot store, for any field. */
const HOSTILE_SHAPES: unknown[] = [
  true,
  null,
  {},
  [],
  'abc',
  Array.from({ length: 5000 }, () => 1),
  Array.from({ length: 5000 }, (_, i) => `a${i}`),
  { '\u0000': 1, 'k\uD800': 'v' },
  REMOVE,
];

const PATH_TOKENS = [
  '%00',
  '99999999999',
  '2147483648',
  '9007199254740993',
  '-1',
  '0',
  '1e309',
  '%ED%A0%80',
  'abc',
  '1.5',
  '%20',
  '0x10',
  '%2e%2e',
  '9'.repeat(400),
].map((t) => new Raw(t));

/** X-File-Name values: control characters, broken UTF-8, a pair cut by the 200-character limit, paths, sheer size. */
const FILE_NAMES = [
  '%00.pdf',
  'a%ED%A0%80.pdf',
  `${encodeURIComponent(`${'字'.repeat(199)}😀`)}.pdf`,
  `${encodeURIComponent('😀'.repeat(150))}.pdf`,
  '..%2F..%2Fetc%2Fpasswd',
  '%',
  '%E4%B8',
  'a'.repeat(8000),
];

const PDF = Buffer.from('%PDF-1.4\n恶意输入测试\n%%EOF');

function isUpload(op: Operation): boolean {
  const content = op.requestBody?.content ?? {};
  return Object.values(content).some((c) => !c.schema.type && !c.schema.properties && !c.schema.anyOf);
}

function alternatives(schema: Schema): Schema[] {
  return schema.anyOf ? schema.anyOf.flatMap(alternatives) : [schema];
}

/** A value the schema accepts, as far as a simple reading of it can tell. */
function plausible(schema: Schema, name = ''): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const s = alternatives(schema).find((a) => a.type !== 'null') ?? schema;
  switch (s.type) {
    case 'string': {
      const p = s.pattern ?? '';
      if (p.includes('02-29') || p.includes('\\d{4}-')) return '2026-11-24';
      if (p === '^\\d{6}$') return '420502';
      if (p.includes('[0-9+\\-() ]')) return '0717-6000001';
      if (p.startsWith('^[a-z][a-z0-9]*')) return 'declaration';
      if (p.includes('a-zA-Z0-9._-')) return 'fuzz.user';
      if (s.format === 'email') return 'fuzz@example.cn';
      if (/password/i.test(name)) return 'Fuzz#2026pw';
      return '测试'.repeat(Math.max(1, Math.ceil((s.minLength ?? 4) / 2))).slice(0, s.maxLength ?? 100);
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? 1;
      return s.exclusiveMinimum === true ? min + 1 : Math.max(min, Math.min(1, s.maximum ?? 1));
    }
    case 'boolean':
      return false;
    case 'array':
      // One item where the schema allows it, so that the fields inside the items are tried too.
      return Array.from({ length: Math.max(s.minItems ?? 0, Math.min(1, s.maxItems ?? 1)) }, () =>
        plausible(s.items ?? {}),
      );
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, plausible(v, k)]));
    default:
      return 'x';
  }
}

/** Values on and just past the schema's own limits. */
function edges(schema: Schema): unknown[] {
  const out: unknown[] = [];
  for (const s of alternatives(schema)) {
    if (s.type === 'string' && s.maxLength !== undefined) {
      const m = s.maxLength;
      // Exactly at the limit with a pair at its end (a cut at `m - 1` would split it), and one past it.
      if (m >= 2) out.push(`${'字'.repeat(m - 2)}😀`);
      out.push('😀'.repeat(Math.ceil(m / 2)), 'x'.repeat(m + 1), ` ${'x'.repeat(m)} `);
    }
    if ((s.type === 'integer' || s.type === 'number') && s.maximum !== undefined) {
      out.push(s.maximum, s.maximum + 1, s.maximum + 0.5);
      if (s.minimum !== undefined) out.push(s.minimum - 1, s.minimum);
    }
    if (s.type === 'array' && s.maxItems !== undefined) {
      out.push(Array.from({ length: s.maxItems + 1 }, () => plausible(s.items ?? {})));
    }
  }
  return out;
}

function bodySlots(schema: Schema, key: (string | number)[], out: Slot[], depth = 0) {
  out.push({ part: 'body', key, schema });
  if (depth > 6) return;
  for (const s of alternatives(schema)) {
    for (const [k, v] of Object.entries(s.properties ?? {})) bodySlots(v, [...key, k], out, depth + 1);
    if (s.type === 'array' && s.items) bodySlots(s.items, [...key, 0], out, depth + 1);
  }
}

function typesOf(schema: Schema): Set<string> {
  return new Set(alternatives(schema).map((a) => a.type ?? 'any'));
}

/** The slot's own kind of trouble first (strings for a string, numbers for a number), any other kind less often. */
function valuesFor(slot: Slot): fc.Arbitrary<unknown> {
  if (slot.part === 'path') return fc.constantFrom(...PATH_TOKENS);
  if (slot.part === 'header') return fc.constantFrom(...FILE_NAMES);
  const types = typesOf(slot.schema);
  const own = [
    ...(types.has('string') || types.has('any') ? HOSTILE_STRINGS : []),
    ...(types.has('integer') || types.has('number') ? HOSTILE_NUMBERS : []),
    ...edges(slot.schema),
  ];
  const other = [...HOSTILE_SHAPES, ...HOSTILE_STRINGS.slice(0, 3), ...HOSTILE_NUMBERS.slice(0, 3)];
  return own.length > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...own), weight: 3 }, { arbitrary: fc.constantFrom(...other), weight: 1 })
    : fc.constantFrom(...other);
}

const isDaySchema = (s: Schema) => alternatives(s).some((a) => (a.pattern ?? '').includes('02-29'));

/**
 * One value of each class the issue names, for this field: each must be refused with 400 naming the field, whatever
 * the rest of the request holds — the check runs before anything else looks at it.
 */
function probesFor(slot: Slot): unknown[] {
  if (slot.part === 'path') return [new Raw('99999999999'), new Raw('%00')];
  const probes: unknown[] = [];
  for (const a of alternatives(slot.schema)) {
    // Only JSON can spell an unpaired surrogate; in a URL its bytes are invalid UTF-8 and never decode to one.
    if (a.type === 'string' && !a.enum) probes.push('a\u0000b', ...(slot.part === 'body' ? ['x\uD800'] : []));
    if (a.type === 'string' && isDaySchema(a)) probes.push('2026-02-30', '2026-13-01', '0000-01-01');
    if (a.type === 'integer') probes.push(2 ** 31, 2 ** 53);
    if (a.type === 'number') probes.push(new Raw('1e309'), 2 ** 53);
  }
  return [...new Set(probes)];
}

/** Percent-encoding that also writes unpaired surrogates (as the bytes a careless client would send). */
function encodeUnits(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.charCodeAt(0);
    if (ch.length === 1 && u >= 0xd800 && u <= 0xdfff) {
      out += [0xe0 | (u >> 12), 0x80 | ((u >> 6) & 0x3f), 0x80 | (u & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

function urlText(v: unknown): string {
  if (v instanceof Raw) return v.url;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return encodeUnits(JSON.stringify(v));
  return encodeUnits(String(v));
}

function jsonText(v: unknown): string {
  const raws: Raw[] = [];
  const text = JSON.stringify(v, (_k, x) => {
    if (x instanceof Raw) {
      raws.push(x);
      return `__RAW_${raws.length - 1}__`;
    }
    return x;
  });
  return raws.reduce((t, r, i) => t.replace(`"__RAW_${i}__"`, r.json), text ?? '');
}

function setAt(target: unknown, key: (string | number)[], value: unknown): unknown {
  if (key.length === 0) return value === REMOVE ? undefined : value;
  // A body already replaced by a hostile scalar gets an object back, to hold the next hostile field.
  const root = (target !== null && typeof target === 'object' ? target : {}) as Record<string | number, unknown>;
  let node = root;
  for (const k of key.slice(0, -1)) {
    const next = node[k];
    if (next === null || typeof next !== 'object') node[k] = typeof k === 'number' ? [] : {};
    node = node[k] as Record<string | number, unknown>;
  }
  const last = key[key.length - 1] as string | number;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return root;
}

interface RouteUnderTest {
  method: string;
  url: string;
  action: TAction | undefined;
  op: Operation;
  slots: Slot[];
  upload: boolean;
}

function buildRequest(r: RouteUnderTest, mutations: [number, unknown][], cookie: string | null): InjectOptions {
  const pathValues: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  let body: unknown = null;
  for (const p of r.op.parameters ?? []) {
    if (p.in === 'path') pathValues[p.name] = plausible(p.schema, p.name);
    else if (p.in === 'query' && p.required) query[p.name] = plausible(p.schema, p.name);
  }
  const jsonSchema = r.upload ? undefined : r.op.requestBody?.content['application/json']?.schema;
  if (jsonSchema) body = structuredClone(plausible(jsonSchema));
  let fileName: unknown = 'fuzz.pdf';
  for (const [i, value] of mutations) {
    const slot = r.slots[i] as Slot;
    const name = String(slot.key[0]);
    if (slot.part === 'path') pathValues[name] = value;
    else if (slot.part === 'query') {
      if (value === REMOVE) delete query[name];
      else query[name] = value;
    } else if (slot.part === 'header') fileName = value;
    else body = setAt(body, slot.key, value);
  }
  const path = r.url.replace(/:(\w+)/g, (_m, name: string) => urlText(pathValues[name]));
  const qs = Object.entries(query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}=${urlText(x)}`) : [`${k}=${urlText(v)}`]))
    .join('&');
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  const opts: InjectOptions = {
    method: r.method as InjectOptions['method'],
    url: qs ? `${path}?${qs}` : path,
    headers,
    remoteAddress: nextIp(),
  };
  if (r.upload) {
    // The type the route declares (a roster wants .xlsx); the bytes are a PDF all the same.
    headers['content-type'] =
      Object.keys(r.op.requestBody?.content ?? {}).find((c) => c !== 'application/json') ?? 'application/pdf';
    headers['x-file-name'] = String(fileName);
    opts.payload = PDF;
  } else if (jsonSchema && body !== undefined) {
    headers['content-type'] = 'application/json';
    opts.payload = jsonText(body);
  }
  return opts;
}

function describeRequest(opts: InjectOptions): string {
  const payload = Buffer.isBuffer(opts.payload)
    ? `<file, X-File-Name ${JSON.stringify(opts.headers?.['x-file-name'])}>`
    : opts.payload;
  return `${opts.method} ${String(opts.url).slice(0, 300)}\n  body: ${JSON.stringify(payload ?? null).slice(0, 600)}`;
}

/** Whom each route is tried as: the first fixture role that may call it (county first: it writes the most). */
const ROLE_ORDER: (keyof World['users'])[] = [
  'county',
  'city',
  'province',
  'admin',
  'operator',
  'enterprise',
  'park',
  'evaluator',
];

describe('hostile input (issue 10): no route answers 5xx', () => {
  let t: TestApp;
  let routes: RouteUnderTest[];
  const cookies = new Map<string, string>();
  let passwordHashes: { id: number; password_hash: string }[];

  beforeAll(async () => {
    t = await buildTestApp();
    // Id 1 of a centre, an operator and an engagement exists (filed, so the centre operates) and lies in the fixture
    // county's scope: path ids of 1 reach the use cases, uploads store their (hostile) names, and so on.
    const centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 1 }), target: 'filed' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, Operation>>;
    };
    routes = t.app.registeredRoutes
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json')
      .map((r) => {
        const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
        if (!op) throw new Error(`${r.method} ${r.url} is not in the OpenAPI document`);
        const upload = isUpload(op);
        const slots: Slot[] = [{ part: 'query', key: ['lang'], schema: {} }];
        for (const p of op.parameters ?? []) {
          if (p.in === 'path' || p.in === 'query') slots.push({ part: p.in, key: [p.name], schema: p.schema });
        }
        const json = op.requestBody?.content['application/json']?.schema;
        if (upload) slots.push({ part: 'header', key: ['x-file-name'], schema: {} });
        else if (json) bodySlots(json, [], slots);
        return { method: r.method, url: r.url, action: r.action as TAction | undefined, op, slots, upload };
      });
    passwordHashes = rowsOf(await t.deps.db.execute(sql`select id, password_hash from users order by id`));
  });
  afterAll(async () => t?.close());

  /** The fixture role to call the route as; null for a public route, undefined for an action no fixture role holds. */
  function roleFor(r: RouteUnderTest): keyof World['users'] | null | undefined {
    if (!r.action) return null;
    return ROLE_ORDER.find((x) => can(t.world.users[x].role as TRole, r.action as TAction));
  }

  async function cookieFor(role: keyof World['users']): Promise<string> {
    const known = cookies.get(role);
    if (known) {
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: known } });
      if (me.statusCode === 200) return known;
    }
    // A hostile call that succeeded may have disabled, locked or re-keyed the fixture account: put it back.
    for (const u of passwordHashes) {
      await t.deps.db.execute(
        sql`update users set disabled = false, locked_until = null, failed_attempts = 0,
              password_hash = ${u.password_hash} where id = ${u.id}`,
      );
    }
    const cookie = await loginAs(t.app, t.world.users[role].username);
    cookies.set(role, cookie);
    return cookie;
  }

  it('the OpenAPI document bounds every number, string and array a request may carry', () => {
    const unbounded: string[] = [];
    const check = (s: Schema, where: string) => {
      for (const a of alternatives(s)) {
        if ((a.type === 'integer' || a.type === 'number') && !((a.maximum ?? Number.POSITIVE_INFINITY) <= 1e10)) {
          unbounded.push(`${where}: ${a.type} without a maximum the database can hold`);
        }
        if (a.type === 'integer' && (a.maximum ?? 0) > 2 ** 31 - 1) unbounded.push(`${where}: integer past int4`);
        if (a.type === 'string' && a.maxLength === undefined && !a.enum && !a.pattern && a.const === undefined) {
          unbounded.push(`${where}: string without maxLength`);
        }
        if (a.type === 'array' && a.maxItems === undefined) unbounded.push(`${where}: array without maxItems`);
      }
    };
    for (const r of routes) {
      for (const slot of r.slots) {
        if (slot.part !== 'header' && slot.key[0] !== 'lang') {
          check(slot.schema, `${r.method} ${r.url} ${slot.part} ${slot.key.join('.') || '(body)'}`);
        }
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('refuses NUL, unpaired surrogates, integers past int4 and impossible days in every field with a 400 naming it', {
    timeout: 600_000,
  }, async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const role = roleFor(r);
      if (role === undefined) continue;
      const cookie = role ? await cookieFor(role) : null;
      for (const [i, slot] of r.slots.entries()) {
        if (slot.part === 'header' || slot.key.length === 0 || slot.key[0] === 'lang') continue;
        for (const probe of probesFor(slot)) {
          const opts = buildRequest(r, [[i, probe]], cookie);
          const res = await t.app.inject(opts);
          const body = res.json() as { code?: string; details?: { fields?: { field: string; reason: string }[] } };
          const field = slot.key.join('.');
          const named = body.details?.fields?.find((f) => f.field === field);
          if (res.statusCode !== 400 || body.code !== 'VALIDATION_FAILED' || !named?.reason) {
            failures.push(
              `${r.method} ${r.url} ${slot.part} ${field} = ${JSON.stringify(String(probe))}: ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
          }
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('answers every route and method below 500, with a { code } body on refusal', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const role = roleFor(r);
      if (role === undefined) continue;
      // Checked once per route: a run that ends its own session only costs the route's later runs their depth.
      const cookie = role ? await cookieFor(role) : null;
      const mutation = fc
        .nat({ max: r.slots.length - 1 })
        .chain((i) => fc.tuple(fc.constant(i), valuesFor(r.slots[i] as Slot)));
      const property = fc.asyncProperty(
        fc.uniqueArray(mutation, { minLength: 1, maxLength: 2, selector: (m) => m[0] }),
        async (mutations) => {
          const opts = buildRequest(r, mutations as [number, unknown][], cookie);
          const res = await t.app.inject(opts);
          if (res.statusCode >= 500) {
            throw new Error(`answered ${res.statusCode}: ${res.body.slice(0, 200)}\n  ${describeRequest(opts)}`);
          }
          if (res.statusCode >= 400) {
            let code: unknown;
            try {
              code = (res.json() as { code?: unknown }).code;
            } catch {
              code = undefined;
            }
            if (typeof code !== 'string') {
              throw new Error(
                `answered ${res.statusCode} without { code }: ${res.body.slice(0, 200)}\n  ${describeRequest(opts)}`,
              );
            }
          }
        },
      );
      try {
        await fc.assert(property, { seed: SEED, numRuns: RUNS_PER_ROUTE });
      } catch (err) {
        // fast-check names the seed and the shrunk mutations; the cause is our message with the request itself.
        const e = err as Error & { cause?: Error };
        const found = e.cause?.message ?? e.message;
        const counterexample = /Counterexample: .*/.exec(e.message)?.[0] ?? '';
        failures.push(`${r.method} ${r.url} as ${role ?? 'anonymous'} ${found}\n  ${counterexample.slice(0, 400)}`);
      }
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });
});
