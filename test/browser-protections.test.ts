import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

/**
 * Issue 10, browser protections: what the browser is told (CSP, framing, nosniff, referrer, HSTS only on HTTPS, no
 * caching of personal data) and what it may send (state changes only from the app's own origin, JSON only).
 */
describe('browser protections (issue 10)', () => {
  let t: TestApp;
  let web: FastifyInstance;
  let webDir: string;
  let admin: string;
  let province: string;
  const HOST = 'trade.example.cn';

  const seq = async () =>
    rowsOf<{ seq: string }>(await t.deps.db.execute(sql`select seq from audit_head where id = 1`))[0]?.seq;
  const localeOf = async (username: string) =>
    rowsOf<{ locale: string }>(await t.deps.db.execute(sql`select locale from users where username = ${username}`))[0]
      ?.locale;
  const setLocale = (cookie: string, headers: Record<string, string>, payload: unknown = { locale: 'en' }) =>
    as(t.app, cookie, {
      method: 'PUT',
      url: '/api/me/locale',
      headers: { host: HOST, ...headers },
      payload: payload as string,
    });

  const expectBrowserHeaders = (res: LightMyRequestResponse) => {
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    // COOKIE_SECURE is off in the tests: a plain-HTTP install must not be pinned to HTTPS.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  };

  beforeAll(async () => {
    t = await buildTestApp();
    // A built web app as Vite lays it out: index.html naming a hashed asset.
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hbts-web-'));
    fs.mkdirSync(path.join(webDir, 'assets'));
    fs.writeFileSync(
      path.join(webDir, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
    );
    fs.writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log("app");');
    web = await buildApp(t.deps, { webDir });
    admin = await loginAs(t.app, 'admin');
    province = await loginAs(t.app, 'province');
  });
  afterAll(async () => {
    await web?.close();
    await t?.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  describe('what the browser is told', () => {
    it('sends the protections with a page, and index.html is revalidated every time', async () => {
      const res = await web.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expectBrowserHeaders(res);
      expect(res.headers['cache-control']).toBe('no-cache');
    });

    it('answers a deep link with the app, so the browser router takes it', async () => {
      const res = await web.inject({ method: 'GET', url: '/centres/12?tab=staff' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expectBrowserHeaders(res);
    });

    it('lets a hashed asset be cached for good, and answers a missing one with 404, never the app', async () => {
      const asset = await web.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
      for (const url of ['/assets/nope.js', '/assets/nope', '/favicon.ico', '/centres/robots.txt', '/.env']) {
        const res = await web.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).not.toContain('<div id="root">');
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      }
      const outside = await web.inject({ method: 'GET', url: '/assets/%2e%2e/%2e%2e/%2e%2e/etc/hostname' });
      // Never a file outside the build: the client's path resolves to /etc/hostname, an app route at most.
      if (fs.existsSync('/etc/hostname')) {
        expect(outside.body).not.toContain(fs.readFileSync('/etc/hostname', 'utf8').trim());
      }
    });

    it('serves files that a rebuild added while the server runs', async () => {
      fs.writeFileSync(path.join(webDir, 'assets', 'index-def456.js'), 'console.log("rebuilt");');
      const res = await web.inject({ method: 'GET', url: '/assets/index-def456.js' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('rebuilt');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('keeps signed-in JSON out of every cache, with the same protections', async () => {
      const res = await as(t.app, admin, { method: 'GET', url: '/api/me' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['cache-control']).toBe('no-store');
      expectBrowserHeaders(res);
      const refused = await t.app.inject({ method: 'GET', url: '/api/users' });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['cache-control']).toBe('no-store');
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
    });

    it('keeps an export of personal data out of every cache', async () => {
      const res = await as(t.app, admin, { method: 'GET', url: '/api/users?format=xlsx' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.headers['cache-control']).toBe('no-store');
      expectBrowserHeaders(res);
    });

    it('leaves a public route its own caching', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/public/service-catalogue' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('gives the printable decision letter a policy of its own: its print button and nothing else runs', async () => {
      const centre = await makeCentre(t.deps, { park: t.world.parks.zhijiang, target: 'approved' });
      const letter = centre.letters[0];
      const res = await as(t.app, province, { method: 'GET', url: `/api/decision-letters/${letter?.id}/print` });
      expect(res.statusCode).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.body).not.toContain('onclick');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('pins HTTPS (HSTS, upgrade-insecure-requests) only when the configuration says the site is HTTPS', async () => {
      const https = await buildApp({ ...t.deps, config: { ...t.deps.config, cookieSecure: true } }, { webDir });
      try {
        const res = await https.inject({ method: 'GET', url: '/' });
        expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
        expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
        // Behind an HTTPS proxy that TRUST_PROXY does not name, the request arrives as http; the page's origin is https.
        const cookie = await loginAs(https, 'county.420502');
        const ok = await as(https, cookie, {
          method: 'PUT',
          url: '/api/me/locale',
          headers: { host: HOST, origin: `https://${HOST}` },
          payload: { locale: 'zh-CN' },
        });
        expect(ok.statusCode, ok.body).toBe(204);
      } finally {
        await https.close();
      }
    });
  });

  describe('what the browser may send', () => {
    it('refuses a state change from another site, in the caller’s language, and changes nothing', async () => {
      const before = [await localeOf('admin'), await seq()];
      for (const origin of ['https://evil.example', `http://${HOST}.evil.example`, `https://${HOST}`, 'null']) {
        const res = await setLocale(admin, { origin });
        expect(res.statusCode, origin).toBe(403);
        expect(res.json().code).toBe('ORIGIN_REFUSED');
        expect(res.json().message).toContain('其他网站');
        expect(res.headers['cache-control']).toBe('no-store');
      }
      const en = await setLocale(admin, { origin: 'https://evil.example', 'accept-language': 'en' });
      expect(en.json().message).toContain('another site');
      // A browser that hides the Origin still says the request is cross-site.
      const hidden = await setLocale(admin, { 'sec-fetch-site': 'cross-site' });
      expect(hidden.statusCode).toBe(403);
      expect(hidden.json().code).toBe('ORIGIN_REFUSED');
      expect([await localeOf('admin'), await seq()]).toEqual(before);
    });

    it('refuses a sign-in posted from another site (login CSRF) without setting a session', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://evil.example' },
        payload: { username: 'admin', password: 'whatever' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.cookies.find((c) => c.name === 'hbts_session')).toBeUndefined();
    });

    it('accepts a state change from the app’s own origin, from ALLOWED_ORIGINS, and from callers that send none', async () => {
      const same = await setLocale(admin, { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' });
      expect(same.statusCode, same.body).toBe(204);
      expect(await localeOf('admin')).toBe('en');
      // Another system (curl, a province system) sends no Origin and no Sec-Fetch-Site.
      const none = await setLocale(admin, {}, { locale: 'zh-CN' });
      expect(none.statusCode).toBe(204);
      expect(await localeOf('admin')).toBe('zh-CN');

      const listed = await buildApp(
        { ...t.deps, config: { ...t.deps.config, allowedOrigins: ['https://gateway.example.cn'] } },
        { webDir: '/nonexistent' },
      );
      try {
        const cookie = await loginAs(listed, 'county.420583');
        const ok = await as(listed, cookie, {
          method: 'PUT',
          url: '/api/me/locale',
          headers: { host: '10.0.0.5:3000', origin: 'https://gateway.example.cn' },
          payload: { locale: 'en' },
        });
        expect(ok.statusCode, ok.body).toBe(204);
      } finally {
        await listed.close();
      }
    });

    it('refuses a text/plain or form body on a JSON route with 415, and changes nothing', async () => {
      const before = [await localeOf('admin'), await seq()];
      const bodies: [string, string][] = [
        ['text/plain', JSON.stringify({ locale: 'en' })],
        ['text/plain;charset=UTF-8', JSON.stringify({ locale: 'en' })],
        ['application/x-www-form-urlencoded', 'locale=en'],
        ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="locale"\r\n\r\nen\r\n--x--'],
      ];
      for (const [type, body] of bodies) {
        const res = await setLocale(admin, { 'content-type': type }, body);
        expect(res.statusCode, type).toBe(415);
        expect(res.json().code, type).toBe('UNSUPPORTED_MEDIA_TYPE');
        expect(res.json().message).toContain('JSON');
      }
      // A route with no body at all, and a JSON route among file routes (their scope takes raw bytes).
      const bodyless = await as(t.app, admin, {
        method: 'POST',
        url: '/api/messages/read-all',
        headers: { 'content-type': 'text/plain' },
        payload: 'x',
      });
      expect(bodyless.statusCode).toBe(415);
      expect([await localeOf('admin'), await seq()]).toEqual(before);
      const enterprise = await loginAs(t.app, 'enterprise.91420500MA4F000001');
      const records = async () =>
        rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from service_records`))[0]?.n;
      const recordsBefore = await records();
      const amongFiles = await as(t.app, enterprise, {
        method: 'POST',
        url: '/api/service-records/requests',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({
          centreId: 1,
          category: 'tax_refund',
          subItem: 'refund_declaration',
          requestText: 'x',
        }),
      });
      expect(amongFiles.statusCode).toBe(415);
      expect(amongFiles.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(await records()).toBe(recordsBefore);
    });
  });
});
