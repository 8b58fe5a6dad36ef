import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { makeUser } from '../src/server/demo/factories';
import { as, buildTestApp, loginAs, sessionCookieOf, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import type { World } from './helpers/world';

/**
 * The role × route matrix (issue 3, CONVENTIONS §7 and §11). Every /api route the app registers must have an expected
 * answer for every fixture user here, so a new route cannot ship without someone deciding who may call it.
 * Out-of-scope reads answer 404 (the record's existence is not revealed), forbidden actions 403, and a refused write
 * leaves its rows and the audit chain exactly as they were.
 */

type RoleKey = keyof World['users'];

/** Column order of the table below. */
const ROLE_KEYS = [
  'admin',
  'province',
  'city',
  'otherCity',
  'county',
  'otherCounty',
  'park',
  'operator',
  'enterprise',
  'evaluator',
] as const satisfies readonly RoleKey[];

type Decision = Record<RoleKey, number>;

/** One row of the matrix, in ROLE_KEYS order. */
function row(...statuses: [number, number, number, number, number, number, number, number, number, number]): Decision {
  return Object.fromEntries(ROLE_KEYS.map((r, i) => [r, statuses[i]])) as Decision;
}

interface Ctx {
  t: TestApp;
  w: World;
  /** The caller's current password (POST /api/me/password changes it). */
  passwords: Record<RoleKey, string>;
  throwaway: { disable: number; unlock: number; reset: number };
  unique(): number;
  query<T = Record<string, unknown>>(q: SQL): Promise<T[]>;
}

interface RouteCase {
  request(c: Ctx, role: RoleKey): Promise<InjectOptions> | InjectOptions;
  expect: Decision;
  /** The rows a refused write must leave untouched (the audit head is always compared too). */
  snapshot?(c: Ctx): Promise<unknown>;
  /** After an allowed call: keep the shared state true (a password change replaces the session). */
  after?(c: Ctx, role: RoleKey, res: LightMyRequestResponse, body: InjectOptions): void;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Routes that answer without a session; they are tested on their own below. */
const PUBLIC_ROUTES = new Set(['POST /api/auth/login', 'POST /api/auth/logout']);

/** The generated API documentation is not part of the application's own surface. */
const isDocsRoute = (url: string) => url.startsWith('/api/docs') || url === '/api/openapi.json';

const NEW_PASSWORD_PREFIX = 'Matrix#2026-';

//                                       admin prov city oCity county oCounty park  oper  ent  eval
const EXPECTED: Record<string, RouteCase> = {
  'GET /api/me': {
    request: () => ({ method: 'GET', url: '/api/me' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'PUT /api/me/locale': {
    request: () => ({ method: 'PUT', url: '/api/me/locale', payload: { locale: 'en' } }),
    expect: row(204, 204, 204, 204, 204, 204, 204, 204, 204, 204),
    snapshot: (c) => c.query(sql`select id, locale from users order by id`),
  },
  'POST /api/me/password': {
    request: (c, role) => ({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: c.passwords[role], newPassword: `${NEW_PASSWORD_PREFIX}${c.unique()}` },
    }),
    expect: row(204, 204, 204, 204, 204, 204, 204, 204, 204, 204),
    snapshot: (c) => c.query(sql`select id, password_hash from users order by id`),
    // Every session of the user ends and the response carries the one new session: carry on with it.
    after: (c, role, res, req) => {
      cookies[role] = sessionCookieOf(res);
      c.passwords[role] = (req.payload as { newPassword: string }).newPassword;
    },
  },
  'GET /api/regions': {
    request: () => ({ method: 'GET', url: '/api/regions' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/regions/:code': {
    request: () => ({ method: 'GET', url: '/api/regions/420500' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/parks': {
    request: () => ({ method: 'GET', url: '/api/parks' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 403, 403, 403),
  },
  // 宜昌高新区 lies in 西陵区 (420502), 宜昌 (420500): outside 襄阳's and 枝江's scope.
  'GET /api/parks/:id': {
    request: (c) => ({ method: 'GET', url: `/api/parks/${c.w.parks.yichangHighTech.id}` }),
    expect: row(200, 200, 200, 404, 200, 404, 200, 403, 403, 403),
  },
  'POST /api/parks': {
    request: (c) => ({
      method: 'POST',
      url: '/api/parks',
      // In 武汉 (江岸区), so that no scoped list of the fixture changes.
      payload: { name: `矩阵测试园区${c.unique()}`, kind: 'industrial_park', level: 'other', countyCode: '420102' },
    }),
    expect: row(403, 201, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from parks order by id`),
  },
  'PATCH /api/parks/:id': {
    request: async (c) => {
      const id = c.w.parks.yichangHighTech.id;
      const [current] = await c.query<{ version: number }>(sql`select version from parks where id = ${id}`);
      return { method: 'PATCH', url: `/api/parks/${id}`, payload: { version: current?.version, level: 'national' } };
    },
    expect: row(403, 200, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from parks order by id`),
  },
  'GET /api/users': {
    request: () => ({ method: 'GET', url: '/api/users' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/users/:id': {
    request: (c) => ({ method: 'GET', url: `/api/users/${c.w.users.city.id}` }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'POST /api/users': {
    request: (c) => ({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: `matrix.${c.unique()}`,
        displayName: '矩阵测试企业',
        role: 'enterprise',
        enterpriseId: 42,
        password: 'Matrix#2026pw',
      },
    }),
    expect: row(201, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from users order by id`),
  },
  'PATCH /api/users/:id': {
    request: (c) => ({ method: 'PATCH', url: `/api/users/${c.throwaway.disable}`, payload: { disabled: true } }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => userAndSessions(c, c.throwaway.disable),
  },
  'POST /api/users/:id/unlock': {
    request: (c) => ({ method: 'POST', url: `/api/users/${c.throwaway.unlock}/unlock` }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => userAndSessions(c, c.throwaway.unlock),
  },
  'POST /api/users/:id/reset-password': {
    request: (c) => ({
      method: 'POST',
      url: `/api/users/${c.throwaway.reset}/reset-password`,
      payload: { newPassword: 'Reset#2026pw' },
    }),
    expect: row(204, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => userAndSessions(c, c.throwaway.reset),
  },
  'GET /api/audit': {
    request: () => ({ method: 'GET', url: '/api/audit' }),
    expect: row(200, 200, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/audit/verify': {
    request: () => ({ method: 'GET', url: '/api/audit/verify' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'GET /api/policy/versions': {
    request: () => ({ method: 'GET', url: '/api/policy/versions' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/policy/versions/:version': {
    request: () => ({ method: 'GET', url: '/api/policy/versions/1' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
  'GET /api/settings': {
    request: () => ({ method: 'GET', url: '/api/settings' }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
  },
  'PATCH /api/settings': {
    request: () => ({ method: 'PATCH', url: '/api/settings', payload: { auditRetentionDays: 400 } }),
    expect: row(200, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    snapshot: (c) => c.query(sql`select * from settings order by key`),
  },
  'GET /api/dashboard': {
    request: () => ({ method: 'GET', url: '/api/dashboard' }),
    expect: row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
  },
};

async function userAndSessions(c: Ctx, id: number) {
  return {
    user: await c.query(sql`select * from users where id = ${id}`),
    sessions: await c.query(sql`select * from sessions where user_id = ${id} order by token_hash`),
  };
}

const isAllowed = (status: number) => status >= 200 && status < 300;

let t: TestApp;
let ctx: Ctx;
const cookies = {} as Record<RoleKey, string>;

async function auditHead(c: Ctx) {
  const [head] = await c.query<{ seq: string | number; hash: string }>(sql`select seq, hash from audit_head`);
  return { seq: Number(head?.seq), hash: head?.hash };
}

beforeAll(async () => {
  t = await buildTestApp();
  let counter = 0;
  const makeThrowaway = async (name: string) => {
    const u = await makeUser(t.deps, {
      username: `throwaway.${name}`,
      role: 'enterprise',
      enterpriseId: 900 + counter++,
      password: TEST_PASSWORD,
    });
    // A live session, so that a refused disable or reset visibly leaves it alone.
    await loginAs(t.app, u.username);
    return u.id;
  };
  ctx = {
    t,
    w: t.world,
    passwords: Object.fromEntries(ROLE_KEYS.map((r) => [r, TEST_PASSWORD])) as Record<RoleKey, string>,
    throwaway: {
      disable: await makeThrowaway('disable'),
      unlock: await makeThrowaway('unlock'),
      reset: await makeThrowaway('reset'),
    },
    unique: () => ++counter,
    query: async <T>(q: SQL) => rowsOf<T>(await t.deps.db.execute(q)),
  };
  // Locked out, as after five wrong passwords, so that unlocking has something to lift.
  await t.deps.db.execute(
    sql`update users set locked_until = ${new Date(t.clock.now.getTime() + 15 * 60_000).toISOString()}::timestamptz
        where id = ${ctx.throwaway.unlock}`,
  );
  for (const role of ROLE_KEYS) cookies[role] = await loginAs(t.app, t.world.users[role].username);
});
afterAll(async () => t?.close());

describe('route inventory', () => {
  const apiRoutes = () => t.app.registeredRoutes.filter((r) => r.url.startsWith('/api/') && !isDocsRoute(r.url));

  it('every registered /api route has an expected decision, and every expectation names a registered route', () => {
    const registered = new Set(apiRoutes().map((r) => `${r.method} ${r.url}`));
    const covered = new Set([...Object.keys(EXPECTED), ...PUBLIC_ROUTES]);
    const missing = [...registered].filter((k) => !covered.has(k)).sort();
    const stale = [...covered].filter((k) => !registered.has(k)).sort();
    expect(missing, 'routes registered without an entry in EXPECTED').toEqual([]);
    expect(stale, 'entries in EXPECTED for routes that are not registered').toEqual([]);
  });

  it('the routes that need no sign-in are exactly the public list', () => {
    const publicRoutes = apiRoutes()
      .filter((r) => r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicRoutes).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('every expectation decides for each of the fixture users', () => {
    for (const [key, c] of Object.entries(EXPECTED)) {
      expect(Object.keys(c.expect).sort(), key).toEqual([...ROLE_KEYS].sort());
    }
  });
});

describe('data scope of parks', () => {
  const idsOf = (res: LightMyRequestResponse) => (res.json().items as { id: number }[]).map((p) => p.id).sort();

  it('each role lists exactly the parks in its scope', async () => {
    const { yichangHighTech: yc, zhijiang: zj, xiangyangHighTech: xy } = t.world.parks;
    const expected: Partial<Record<RoleKey, number[]>> = {
      admin: [yc.id, zj.id, xy.id],
      province: [yc.id, zj.id, xy.id],
      city: [yc.id, zj.id],
      otherCity: [xy.id],
      county: [yc.id],
      otherCounty: [zj.id],
      park: [yc.id],
    };
    for (const [role, ids] of Object.entries(expected) as [RoleKey, number[]][]) {
      const res = await as(t.app, cookies[role], { method: 'GET', url: '/api/parks' });
      expect(res.statusCode, role).toBe(200);
      expect(idsOf(res), role).toEqual([...ids].sort());
      expect(res.json().total, role).toBe(ids.length);
    }
  });

  it('a filter cannot widen the scope: 宜昌 asking for 襄阳 parks gets none', async () => {
    const res = await as(t.app, cookies.city, { method: 'GET', url: '/api/parks?cityCode=420600' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [], total: 0 });
  });

  it('the Excel export holds the same in-scope parks as the list', async () => {
    const res = await as(t.app, cookies.county, { method: 'GET', url: '/api/parks?format=xlsx' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    // exceljs declares a Buffer type of its own; at run time it reads Node's Buffer.
    await wb.xlsx.load(res.rawPayload as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const ids: number[] = [];
    wb.worksheets[0]?.eachRow((r, n) => {
      if (n > 1) ids.push(Number(r.getCell(1).value));
    });
    expect(ids).toEqual([t.world.parks.yichangHighTech.id]);
  });

  const outOfScope: [string, RoleKey, () => number][] = [
    ['宜昌 city → a 襄阳 park', 'city', () => t.world.parks.xiangyangHighTech.id],
    ['西陵区 county → a 枝江 park', 'county', () => t.world.parks.zhijiang.id],
    ['枝江 county → a 西陵区 park', 'otherCounty', () => t.world.parks.yichangHighTech.id],
    ['park committee → another park', 'park', () => t.world.parks.zhijiang.id],
    ['襄阳 city → a 宜昌 park', 'otherCity', () => t.world.parks.yichangHighTech.id],
  ];
  for (const [name, role, id] of outOfScope) {
    it(`${name}: 404, indistinguishable from a park that does not exist`, async () => {
      const res = await as(t.app, cookies[role], { method: 'GET', url: `/api/parks/${id()}` });
      const none = await as(t.app, cookies[role], { method: 'GET', url: '/api/parks/999999' });
      expect(res.statusCode).toBe(404);
      expect(none.statusCode).toBe(404);
      const strip = (b: { code: string; message: string }) => ({ code: b.code, message: b.message });
      expect(strip(res.json())).toEqual(strip(none.json()));
      expect(res.json().code).toBe('NOT_FOUND');
      expect(res.body).not.toContain(t.world.parks.xiangyangHighTech.name);
      expect(res.body).not.toContain(t.world.parks.zhijiang.name);
      expect(res.body).not.toContain(t.world.parks.yichangHighTech.name);
    });
  }
});

describe('role × route matrix', () => {
  for (const [key, route] of Object.entries(EXPECTED)) {
    const isWrite = WRITE_METHODS.has(key.split(' ')[0] ?? '');
    // Refusals first, so that each one is checked against the state before any allowed write of the same route.
    const order = [...ROLE_KEYS].sort(
      (a, b) => Number(isAllowed(route.expect[a])) - Number(isAllowed(route.expect[b])),
    );
    describe(key, () => {
      for (const role of order) {
        const status = route.expect[role];
        it(`${role} → ${status}`, async () => {
          const req = await route.request(ctx, role);
          const before = isWrite ? { rows: await route.snapshot?.(ctx), head: await auditHead(ctx) } : undefined;
          const res = await as(t.app, cookies[role], req);
          expect(res.statusCode, res.body).toBe(status);
          if (status === 403) expect(res.json().code).toBe('FORBIDDEN');
          if (status === 404) expect(res.json().code).toBe('NOT_FOUND');
          if (!isWrite || !before) return;
          const after = { rows: await route.snapshot?.(ctx), head: await auditHead(ctx) };
          if (isAllowed(status)) {
            // Every change is in the operation log.
            expect(after.head.seq).toBeGreaterThan(before.head.seq);
            route.after?.(ctx, role, res, req);
          } else {
            expect(after).toEqual(before);
          }
        });
      }
    });
  }
});

describe('without a session', () => {
  for (const [key, route] of Object.entries(EXPECTED)) {
    it(`${key} → 401 and nothing changes`, async () => {
      const req = await route.request(ctx, 'admin');
      const before = { rows: await route.snapshot?.(ctx), head: await auditHead(ctx) };
      const res = await t.app.inject(req);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
      expect({ rows: await route.snapshot?.(ctx), head: await auditHead(ctx) }).toEqual(before);
    });
  }
});

describe('public routes', () => {
  it('POST /api/auth/login signs in an anonymous caller with the right password only', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: t.world.users.evaluator.username, password: 'Wrong#2026pw' },
      remoteAddress: '10.9.9.1',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.cookies.find((c) => c.name === 'hbts_session')).toBeUndefined();
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: t.world.users.evaluator.username, password: ctx.passwords.evaluator },
      remoteAddress: '10.9.9.2',
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.role).toBe('evaluator');
    const me = await as(t.app, sessionCookieOf(right), { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
  });

  it('POST /api/auth/logout ends only the session it is called with', async () => {
    const throwaway = await loginAs(t.app, t.world.users.city.username, ctx.passwords.city);
    const res = await as(t.app, throwaway, { method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect((await as(t.app, throwaway, { method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await as(t.app, cookies.city, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('POST /api/auth/logout without a session answers 204 and writes nothing', async () => {
    const before = await auditHead(ctx);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(await auditHead(ctx)).toEqual(before);
  });
});
