import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { as, buildTestApp, loginAs, nextIp, type TestApp } from './helpers/app';

/**
 * 等保 2.0 wants every failed sign-in logged. A sign-in refused for its input (issue 10) — no password, a NUL in the
 * name, a number for a name, a body that is not JSON — is audited as `auth.login.failed` with reason
 * `invalid_input` before the 400, with the name only as far as the audit entry can hold it.
 */
describe('a sign-in refused for its input is still audited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  const failedSignIns = async () =>
    rowsOf<{ after: { username: string | null; reason: string }; ip: string | null }>(
      await t.deps.db.execute(sql`select after, ip from audit_entries where action = 'auth.login.failed' order by seq`),
    );
  const accounts = async () =>
    rowsOf(
      await t.deps.db.execute(sql`select id, failed_attempts, locked_until, last_login_at from users order by id`),
    );
  const sessions = async () => rowsOf(await t.deps.db.execute(sql`select count(*)::int as n from sessions`));

  const cases: { name: string; payload: string; field: string; recorded: string | null }[] = [
    { name: 'no password', payload: JSON.stringify({ username: 'admin' }), field: 'password', recorded: 'admin' },
    {
      name: 'a NUL in the name',
      payload: JSON.stringify({ username: 'ad\u0000min', password: 'x' }),
      field: 'username',
      recorded: 'admin',
    },
    {
      name: 'an unpaired surrogate in an over-long name',
      payload: JSON.stringify({ username: `\uD800${'x'.repeat(100)}`, password: 'x' }),
      field: 'username',
      recorded: `\uFFFD${'x'.repeat(63)}`,
    },
    {
      name: 'wrong types',
      payload: JSON.stringify({ username: 123, password: true }),
      field: 'username',
      recorded: null,
    },
    { name: 'a body that is not JSON', payload: '{"username":', field: 'body', recorded: null },
  ];

  for (const c of cases) {
    it(`${c.name}: 400 naming ${c.field}, one audit entry, no account or session touched`, async () => {
      const before = { entries: await failedSignIns(), accounts: await accounts(), sessions: await sessions() };
      const ip = nextIp();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: c.payload,
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.details.fields.map((f: { field: string }) => f.field)).toContain(c.field);
      const after = await failedSignIns();
      expect(after).toHaveLength(before.entries.length + 1);
      expect(after.at(-1)).toEqual({ after: { username: c.recorded, reason: 'invalid_input' }, ip });
      expect(await accounts()).toEqual(before.accounts);
      expect(await sessions()).toEqual(before.sessions);
    });
  }

  it('a text/plain body: 415, and audited like any other bad input', async () => {
    const before = { entries: await failedSignIns(), accounts: await accounts(), sessions: await sessions() };
    const ip = nextIp();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username":"admin","password":"x"}',
      headers: { 'content-type': 'text/plain' },
      remoteAddress: ip,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const after = await failedSignIns();
    expect(after).toHaveLength(before.entries.length + 1);
    expect(after.at(-1)).toEqual({ after: { username: null, reason: 'invalid_input' }, ip });
    expect(await accounts()).toEqual(before.accounts);
    expect(await sessions()).toEqual(before.sessions);
  });

  it('counts against the per-address limit, so bad input cannot flood the log', async () => {
    const ip = nextIp();
    const before = (await failedSignIns()).length;
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `flood${i}` },
        remoteAddress: ip,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect((await failedSignIns()).length).toBe(before + 20);
  });

  it('leaves the audit chain intact', async () => {
    const admin = await loginAs(t.app, 'admin');
    const res = await as(t.app, admin, { method: 'GET', url: '/api/audit/verify' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(true);
  });
});
