import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY } from '../src/server/config';
import { auditEntries, messages, sessions, signInFailures, users } from '../src/server/db/schema';
import { makeUser } from '../src/server/demo/factories';
import { permittedActions } from '../src/server/lib/access/permissions';
import { as, buildTestApp, loginAs, nextIp, sessionCookieOf, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';
import { YICHANG } from './helpers/world';

const MINUTE = 60 * 1000;
const NEW_PASSWORD = 'Changed#2026pw';

describe('sign-in, sessions and accounts (等保 2.0 L3)', () => {
  let t: TestApp;
  let adminCookie: string;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  /** The admin's session is refreshed per use: other tests move the clock past its idle timeout. */
  async function admin() {
    adminCookie = await loginAs(t.app, 'admin');
    return adminCookie;
  }

  let userCounter = 0;
  /** A user of its own for a test that locks, disables or re-passwords it. */
  async function freshUser(password = TEST_PASSWORD) {
    userCounter++;
    const u = await makeUser(t.deps, {
      username: `auth.user${userCounter}`,
      role: 'city',
      regionCode: YICHANG,
      password,
    });
    return { id: u.id, username: u.username };
  }

  function signIn(username: string, password: string, opts: { ip?: string; headers?: Record<string, string> } = {}) {
    return t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: opts.ip ?? nextIp(),
      headers: opts.headers,
    });
  }

  const me = (cookie: string) => as(t.app, cookie, { method: 'GET', url: '/api/me' });
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
  const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

  async function userRow(id: number) {
    const [row] = await t.deps.db.select().from(users).where(eq(users.id, id));
    return row;
  }
  async function sessionRows(userId: number) {
    return t.deps.db.select().from(sessions).where(eq(sessions.userId, userId));
  }
  async function auditFor(userId: number, action: string) {
    return t.deps.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.objectId, String(userId)), eq(auditEntries.action, action)))
      .orderBy(auditEntries.seq);
  }

  function expectError(res: LightMyRequestResponse, status: number, code: string) {
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
  }

  describe('sign-in', () => {
    it('sets an httpOnly, SameSite=Lax session cookie on / and stores only the SHA-256 of its token', async () => {
      const res = await signIn('city.420500', TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === SECURITY.cookieName);
      expect(cookie).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Lax' });
      const token = cookie?.value ?? '';
      expect(token.length).toBeGreaterThanOrEqual(32);

      const rows = await sessionRows(res.json().user.id);
      expect(rows.map((r) => r.tokenHash)).toContain(sha256(token));
      // No column of any session row holds the raw token.
      const all = await t.deps.db.select().from(sessions);
      expect(JSON.stringify(all)).not.toContain(token);
    });

    it('issues a new session id at every sign-in, never adopting the cookie the browser sent', async () => {
      const first = await loginAs(t.app, 'county.420502');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'county.420502', password: TEST_PASSWORD },
        remoteAddress: nextIp(),
        headers: { cookie: first },
      });
      expect(res.statusCode).toBe(200);
      const second = sessionCookieOf(res);
      expect(second).not.toBe(first);
      expect((await me(second)).statusCode).toBe(200);
      // The session the browser held ends with the sign-in that replaced it.
      expectError(await me(first), 401, 'AUTH_REQUIRED');

      // An attacker-planted value (session fixation) is not turned into a session either.
      const planted = 'hbts_session=planted-by-an-attacker-0123456789abcdef';
      const res2 = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'county.420502', password: TEST_PASSWORD },
        remoteAddress: nextIp(),
        headers: { cookie: planted },
      });
      expect(res2.statusCode).toBe(200);
      expect(sessionCookieOf(res2)).not.toBe(planted);
      const plantedRows = await t.deps.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, sha256(tokenOf(planted))));
      expect(plantedRows).toHaveLength(0);
      expectError(await me(planted), 401, 'AUTH_REQUIRED');
    });

    it('logs a failed sign-in for a name that does not exist, with the name tried', async () => {
      const res = await signIn('no.such.officer', 'Wrong#2026pw');
      expectError(res, 401, 'AUTH_INVALID_CREDENTIALS');
      const entries = await t.deps.db.select().from(auditEntries).where(eq(auditEntries.action, 'auth.login.failed'));
      expect(entries.map((e) => e.after)).toContainEqual({ username: 'no.such.officer', reason: 'unknown_user' });
    });

    it('answers a wrong password and an unknown user alike: 401, Chinese by default, English on request', async () => {
      const wrong = await signIn('city.420500', 'Wrong#2026pw');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
      expect(wrong.cookies.find((c) => c.name === SECURITY.cookieName)).toBeUndefined();

      const unknown = await signIn('no.such.user', 'Wrong#2026pw');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());

      const en = await signIn('city.420500', 'Wrong#2026pw', { headers: { 'accept-language': 'en' } });
      expect(en.statusCode).toBe(401);
      expect(en.json()).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', message: 'Wrong username or password' });
      const enUnknown = await signIn('no.such.user', 'x', { headers: { 'accept-language': 'en' } });
      expect(enUnknown.json()).toEqual(en.json());
    });
  });

  describe('lockout (per name and address)', () => {
    it('locks the name for that address for 15 minutes at the 5th failure in a row, and records each failure', async () => {
      const u = await freshUser();
      const ip = nextIp();
      for (let i = 1; i <= 4; i++)
        expectError(await signIn(u.username, 'Wrong#2026pw', { ip }), 401, 'AUTH_INVALID_CREDENTIALS');
      const fifth = await signIn(u.username, 'Wrong#2026pw', { ip });
      expectError(fifth, 423, 'AUTH_ACCOUNT_LOCKED');
      expect(fifth.json().message).toMatch(
        /^从本地址连续登录失败次数过多，该账户在本地址已锁定，请于 .+ 后重试或联系管理员$/,
      );
      // The administrator's list shows the latest lock of the account.
      expect((await userRow(u.id))?.lockedUntil?.getTime()).toBe(t.clock.now.getTime() + 15 * MINUTE);

      // The right password does not open it from that address, and these refusals are not counted again.
      expectError(await signIn(u.username, TEST_PASSWORD, { ip }), 423, 'AUTH_ACCOUNT_LOCKED');
      t.clock.advance(15 * MINUTE - 1000);
      expectError(await signIn(u.username, TEST_PASSWORD, { ip }), 423, 'AUTH_ACCOUNT_LOCKED');
      t.clock.advance(1000);
      expect((await signIn(u.username, TEST_PASSWORD, { ip })).statusCode).toBe(200);

      const failed = await auditFor(u.id, 'auth.login.failed');
      expect(failed.map((e) => e.after)).toEqual([1, 2, 3, 4].map((n) => ({ failedAttempts: n })));
      const locked = await auditFor(u.id, 'auth.account.locked');
      expect(locked).toHaveLength(1);
      expect(locked[0]).toMatchObject({ actorId: u.id, actorName: u.username, objectType: 'user', ip });
      expect(locked[0]?.after).toMatchObject({ address: ip });
    });

    it('an attacker’s address locks only itself: the owner signs in from another address meanwhile', async () => {
      const u = await freshUser();
      const attacker = nextIp();
      for (let i = 0; i < 5; i++) await signIn(u.username, 'Wrong#2026pw', { ip: attacker });
      expectError(await signIn(u.username, TEST_PASSWORD, { ip: attacker }), 423, 'AUTH_ACCOUNT_LOCKED');
      const owner = nextIp();
      const res = await signIn(u.username, TEST_PASSWORD, { ip: owner });
      expect(res.statusCode).toBe(200);
      expect((await me(sessionCookieOf(res))).statusCode).toBe(200);
      // The owner's success does not lift the attacker's lock.
      expectError(await signIn(u.username, TEST_PASSWORD, { ip: attacker }), 423, 'AUTH_ACCOUNT_LOCKED');
      // Nor could an administrator's account be locked out by anyone elsewhere.
      const admin = nextIp();
      for (let i = 0; i < 6; i++) await signIn('admin', 'Wrong#2026pw', { ip: admin });
      expect((await signIn('admin', TEST_PASSWORD, { ip: nextIp() })).statusCode).toBe(200);
    });

    it('locks a name that does not exist after 5 failures exactly like a real one: same statuses, same bodies', async () => {
      const u = await freshUser();
      const [ipKnown, ipUnknown] = [nextIp(), nextIp()];
      for (let i = 1; i <= 7; i++) {
        for (const lang of ['zh-CN', 'en']) {
          if (lang === 'en' && i !== 6) continue;
          const headers = { 'accept-language': lang };
          const known = await signIn(u.username, 'Wrong#2026pw', { ip: ipKnown, headers });
          const unknown = await signIn('no.such.officer.7', 'Wrong#2026pw', { ip: ipUnknown, headers });
          expect(unknown.statusCode, `attempt ${i}`).toBe(known.statusCode);
          expect(unknown.json(), `attempt ${i}`).toEqual(known.json());
          expect(known.statusCode).toBe(i < 5 ? 401 : 423);
          expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
        }
      }
      const entries = await t.deps.db.select().from(auditEntries).where(eq(auditEntries.action, 'auth.account.locked'));
      expect(entries.map((e) => e.after)).toContainEqual(
        expect.objectContaining({ username: 'no.such.officer.7', reason: 'unknown_user', address: ipUnknown }),
      );
      t.clock.advance(SECURITY.lockoutMs);
    });

    it('20 failures from all addresses within 15 minutes alert every administrator once; the owner is not locked out', async () => {
      const u = await freshUser();
      const admins = await t.deps.db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
      expect(admins.length).toBeGreaterThan(0);
      const alerts = async () =>
        t.deps.db
          .select()
          .from(messages)
          .where(and(eq(messages.kind, 'auth.account.attacked'), sql`${messages.params}->>'username' = ${u.username}`));
      // Four from each of seven addresses: no address locks, 28 failures on the account.
      for (let a = 0; a < 7; a++) {
        const ip = nextIp();
        for (let i = 0; i < 4; i++)
          expectError(await signIn(u.username, 'Wrong#2026pw', { ip }), 401, 'AUTH_INVALID_CREDENTIALS');
        if (a === 4) expect(await alerts()).toHaveLength(admins.length);
      }
      const sent = await alerts();
      expect(sent.map((m) => m.userId).sort()).toEqual(admins.map((a) => a.id).sort());
      expect(sent[0]?.params).toEqual({ username: u.username, failures: 20, minutes: 15, addresses: 5 });
      const attacked = await auditFor(u.id, 'auth.account.attacked');
      expect(attacked).toHaveLength(1);
      expect((await signIn(u.username, TEST_PASSWORD, { ip: nextIp() })).statusCode).toBe(200);

      // A new window alerts again, once.
      t.clock.advance(SECURITY.lockoutMs + 1000);
      for (let a = 0; a < 6; a++) {
        const ip = nextIp();
        for (let i = 0; i < 4; i++) await signIn(u.username, 'Wrong#2026pw', { ip });
      }
      expect(await alerts()).toHaveLength(2 * admins.length);
      expect(await auditFor(u.id, 'auth.account.attacked')).toHaveLength(2);
    });

    it('counts only failures in a row from an address: a successful sign-in there clears its count', async () => {
      const u = await freshUser();
      const ip = nextIp();
      for (let i = 0; i < 4; i++) await signIn(u.username, 'Wrong#2026pw', { ip });
      expect((await signIn(u.username, TEST_PASSWORD, { ip })).statusCode).toBe(200);
      for (let i = 0; i < 4; i++)
        expectError(await signIn(u.username, 'Wrong#2026pw', { ip }), 401, 'AUTH_INVALID_CREDENTIALS');
      expect((await signIn(u.username, TEST_PASSWORD, { ip })).statusCode).toBe(200);
    });

    it('lets the administrator lift the locks of every address at once; other roles may not', async () => {
      const u = await freshUser();
      const ips = [nextIp(), nextIp()];
      for (const ip of ips) for (let i = 0; i < 5; i++) await signIn(u.username, 'Wrong#2026pw', { ip });
      for (const ip of ips) expectError(await signIn(u.username, TEST_PASSWORD, { ip }), 423, 'AUTH_ACCOUNT_LOCKED');
      const locks = () => t.deps.db.select().from(signInFailures).where(eq(signInFailures.username, u.username));
      expect(await locks()).toHaveLength(2);

      const province = await loginAs(t.app, 'province');
      const refused = await as(t.app, province, { method: 'POST', url: `/api/users/${u.id}/unlock` });
      expectError(refused, 403, 'FORBIDDEN');
      expect((await userRow(u.id))?.lockedUntil).not.toBeNull();
      expect(await locks()).toHaveLength(2);

      const res = await as(t.app, await admin(), { method: 'POST', url: `/api/users/${u.id}/unlock` });
      expect(res.statusCode).toBe(200);
      expect(res.json().lockedUntil).toBeNull();
      expect(await locks()).toHaveLength(0);
      for (const ip of ips) expect((await signIn(u.username, TEST_PASSWORD, { ip })).statusCode).toBe(200);
      const unlocked = await auditFor(u.id, 'user.unlocked');
      expect(unlocked).toHaveLength(1);
      expect(unlocked[0]?.before).toMatchObject({ addresses: 2 });
    });
  });

  describe('password', () => {
    it('refuses a new password shorter than 8 characters or of fewer than 3 classes, naming the field', async () => {
      const u = await freshUser();
      const cookie = await loginAs(t.app, u.username);
      const hashBefore = (await userRow(u.id))?.passwordHash;
      for (const newPassword of ['Ab1#xyz', 'abcdefgh12', 'ABCDEFGH!!']) {
        const res = await as(t.app, cookie, {
          method: 'POST',
          url: '/api/me/password',
          payload: { currentPassword: TEST_PASSWORD, newPassword },
        });
        expectError(res, 400, 'VALIDATION_FAILED');
        expect(res.json().details.fields.map((f: { field: string }) => f.field)).toEqual(['newPassword']);
      }
      expect((await userRow(u.id))?.passwordHash).toBe(hashBefore);
      expect((await me(cookie)).statusCode).toBe(200);
    });

    it('allows 5 tries of the current password per 15 minutes, so a stolen session cannot guess it', async () => {
      const u = await freshUser();
      const cookie = await loginAs(t.app, u.username);
      const attempt = (currentPassword: string) =>
        as(t.app, cookie, {
          method: 'POST',
          url: '/api/me/password',
          payload: { currentPassword, newPassword: NEW_PASSWORD },
        });
      for (let i = 0; i < 5; i++) expectError(await attempt(`Guess#${i}abc`), 400, 'AUTH_CURRENT_PASSWORD_WRONG');
      // The sixth try is refused before the password is even looked at, right or not.
      expectError(await attempt(TEST_PASSWORD), 429, 'AUTH_RATE_LIMITED');
      t.clock.advance(SECURITY.lockoutMs + 1000);
      const fresh = await loginAs(t.app, u.username);
      const ok = await as(t.app, fresh, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(ok.statusCode).toBe(204);
    });

    it('refuses a change when the current password is wrong, changing nothing', async () => {
      const u = await freshUser();
      const cookie = await loginAs(t.app, u.username);
      const hashBefore = (await userRow(u.id))?.passwordHash;
      const res = await as(t.app, cookie, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: 'NotMine#2026', newPassword: NEW_PASSWORD },
      });
      expectError(res, 400, 'AUTH_CURRENT_PASSWORD_WRONG');
      expect((await userRow(u.id))?.passwordHash).toBe(hashBefore);
      expect((await me(cookie)).statusCode).toBe(200);
    });

    it('a good change ends every other session and replaces the caller’s with a new working one', async () => {
      const u = await freshUser();
      const mine = await loginAs(t.app, u.username);
      const elsewhere = await loginAs(t.app, u.username);
      const res = await as(t.app, mine, {
        method: 'POST',
        url: '/api/me/password',
        payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      });
      expect(res.statusCode).toBe(204);
      const replaced = sessionCookieOf(res);
      expect(replaced).not.toBe(mine);

      expect((await me(mine)).statusCode).toBe(401);
      expect((await me(elsewhere)).statusCode).toBe(401);
      expect((await me(replaced)).statusCode).toBe(200);
      expect(await sessionRows(u.id)).toHaveLength(1);

      expectError(await signIn(u.username, TEST_PASSWORD), 401, 'AUTH_INVALID_CREDENTIALS');
      expect((await signIn(u.username, NEW_PASSWORD)).statusCode).toBe(200);
      const [changed] = await auditFor(u.id, 'auth.password.changed');
      expect(changed?.after).toEqual({ sessionsEnded: 2 });
      expect(JSON.stringify(changed)).not.toContain(NEW_PASSWORD);
    });

    it('an administrator’s reset ends the target’s sessions; only the new password signs in', async () => {
      const u = await freshUser();
      const target = await loginAs(t.app, u.username);
      const res = await as(t.app, await admin(), {
        method: 'POST',
        url: `/api/users/${u.id}/reset-password`,
        payload: { newPassword: NEW_PASSWORD },
      });
      expect(res.statusCode).toBe(204);
      expect((await me(target)).statusCode).toBe(401);
      expect(await sessionRows(u.id)).toHaveLength(0);
      expectError(await signIn(u.username, TEST_PASSWORD), 401, 'AUTH_INVALID_CREDENTIALS');
      expect((await signIn(u.username, NEW_PASSWORD)).statusCode).toBe(200);
      const [reset] = await auditFor(u.id, 'user.password.reset');
      expect(JSON.stringify(reset)).not.toContain(NEW_PASSWORD);
    });
  });

  describe('session lifetime', () => {
    it('ends a session after 30 minutes without requests; each request keeps it alive', async () => {
      const cookie = await loginAs(t.app, 'city.420500');
      const hash = sha256(tokenOf(cookie));
      t.clock.advance(29 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);
      const [touched] = await t.deps.db.select().from(sessions).where(eq(sessions.tokenHash, hash));
      expect(touched?.lastSeenAt.getTime()).toBe(t.clock.now.getTime());
      // 58 minutes after sign-in, but only 29 since the last request.
      t.clock.advance(29 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);

      t.clock.advance(31 * MINUTE);
      const res = await me(cookie);
      expectError(res, 401, 'AUTH_SESSION_EXPIRED');
      expect(res.json().message).toBe('登录已超时，请重新登录');
      expect(res.cookies.find((c) => c.name === SECURITY.cookieName)?.value).toBe('');
      expect(await t.deps.db.select().from(sessions).where(eq(sessions.tokenHash, hash))).toHaveLength(0);
      const expired = await auditFor(t.world.users.city.id, 'auth.session.expired');
      expect(expired.at(-1)?.before).toMatchObject({ reason: 'idle' });
    });

    it('ends a session 12 hours after sign-in however busy it is', async () => {
      const cookie = await loginAs(t.app, 'county.420583');
      const signedInAt = t.clock.now.getTime();
      // A request every 20 minutes: never idle. 35 × 20 min = 11 h 40 min.
      for (let i = 1; i <= 35; i++) {
        t.clock.advance(20 * MINUTE);
        expect((await me(cookie)).statusCode, `request ${i}`).toBe(200);
      }
      t.clock.advance(20 * MINUTE);
      expect(t.clock.now.getTime() - signedInAt).toBe(12 * 60 * MINUTE);
      expectError(await me(cookie), 401, 'AUTH_SESSION_EXPIRED');
      const expired = await auditFor(t.world.users.otherCounty.id, 'auth.session.expired');
      expect(expired.at(-1)?.before).toMatchObject({ reason: 'absolute' });
    });

    it('logout destroys the server-side session: the old cookie no longer works and its row is gone', async () => {
      const u = await freshUser();
      const cookie = await loginAs(t.app, u.username);
      const res = await as(t.app, cookie, { method: 'POST', url: '/api/auth/logout' });
      expect(res.statusCode).toBe(204);
      expect(res.cookies.find((c) => c.name === SECURITY.cookieName)?.value).toBe('');
      expectError(await me(cookie), 401, 'AUTH_REQUIRED');
      expect(
        await t.deps.db
          .select()
          .from(sessions)
          .where(eq(sessions.tokenHash, sha256(tokenOf(cookie)))),
      ).toHaveLength(0);
      expect(await auditFor(u.id, 'auth.logout')).toHaveLength(1);
    });
  });

  describe('disabled accounts', () => {
    it('disabling a user ends its sessions at once and refuses its sign-in; re-enabling restores it', async () => {
      const u = await freshUser();
      const target = await loginAs(t.app, u.username);
      const adm = await admin();
      const res = await as(t.app, adm, { method: 'PATCH', url: `/api/users/${u.id}`, payload: { disabled: true } });
      expect(res.statusCode).toBe(200);
      expect(res.json().disabled).toBe(true);

      expect((await me(target)).statusCode).toBe(401);
      expect(await sessionRows(u.id)).toHaveLength(0);
      const refused = await signIn(u.username, TEST_PASSWORD);
      expectError(refused, 401, 'AUTH_ACCOUNT_DISABLED');
      expect(refused.json().message).toBe('该账户已停用，请联系管理员');
      expect(await auditFor(u.id, 'user.disabled')).toHaveLength(1);

      const enabled = await as(t.app, adm, {
        method: 'PATCH',
        url: `/api/users/${u.id}`,
        payload: { disabled: false },
      });
      expect(enabled.statusCode).toBe(200);
      expect(enabled.json().disabled).toBe(false);
      expect((await signIn(u.username, TEST_PASSWORD)).statusCode).toBe(200);
      expect(await auditFor(u.id, 'user.enabled')).toHaveLength(1);
    });

    it('the administrator cannot disable its own account', async () => {
      const adm = await admin();
      const self = t.world.users.admin.id;
      const res = await as(t.app, adm, { method: 'PATCH', url: `/api/users/${self}`, payload: { disabled: true } });
      expectError(res, 400, 'CANNOT_DISABLE_SELF');
      expect((await userRow(self))?.disabled).toBe(false);
      expect((await me(adm)).statusCode).toBe(200);
    });
  });

  describe('per-IP sign-in rate limit', () => {
    it('allows 20 attempts a minute from one address; the 21st gets 429 with Retry-After', async () => {
      const ip = nextIp();
      // A different name each time: five failures for one name would lock it for this address first.
      for (let i = 1; i <= 20; i++) {
        expectError(await signIn(`no.such.user${i}`, 'Wrong#2026pw', { ip }), 401, 'AUTH_INVALID_CREDENTIALS');
      }
      const limited = await signIn('city.420500', TEST_PASSWORD, { ip });
      expectError(limited, 429, 'AUTH_RATE_LIMITED');
      expect(limited.headers['retry-after']).toBe('60');
      expect(limited.cookies.find((c) => c.name === SECURITY.cookieName)).toBeUndefined();

      // Another address is not affected.
      expect((await signIn('city.420500', TEST_PASSWORD, { ip: nextIp() })).statusCode).toBe(200);

      t.clock.advance(61 * 1000);
      expect((await signIn('city.420500', TEST_PASSWORD, { ip })).statusCode).toBe(200);
    });
  });

  describe('GET /api/me', () => {
    it('returns the role, the scope in words and the permissions of the role', async () => {
      const cookie = await loginAs(t.app, 'city.420500');
      const res = await me(cookie);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.user).toMatchObject({ id: t.world.users.city.id, username: 'city.420500', role: 'city' });
      expect(body.scope).toMatchObject({ kind: 'city', regionCode: '420500', regionName: '宜昌市', parkId: null });
      expect(body.permissions).toEqual(permittedActions('city'));
      expect(body.permissions).not.toContain('user.create');
    });

    it('without a session answers 401 AUTH_REQUIRED', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/me' });
      expectError(res, 401, 'AUTH_REQUIRED');
    });
  });
});
