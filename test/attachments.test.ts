import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('场地产权证明'), Buffer.from('\n%%EOF')]);

describe('attachments on a centre application (issue 4: steps with comments and attachments)', () => {
  let t: TestApp;
  let centreId: number;
  let version: number;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    const c = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'submitted' });
    centreId = c.id;
    version = c.version;
    for (const u of ['city.420500', 'city.420600', 'county.420502', 'park.1', 'province']) {
      cookies[u] = await loginAs(t.app, u).catch(() => '');
    }
  });
  afterAll(async () => t?.close());

  const upload = (user: string, body: Buffer, name = encodeURIComponent('场地证明.pdf'), type = 'application/pdf') =>
    as(t.app, cookies[user] ?? '', {
      method: 'POST',
      url: `/api/centres/${centreId}/attachments`,
      payload: body,
      headers: { 'content-type': type, 'x-file-name': name },
    });
  const count = async () =>
    Number(rowsOf<{ n: string }>(await t.deps.db.execute(sql`select count(*) as n from attachments`))[0]?.n);

  it('stores a PDF under a path of its own making, with its detected type, size and SHA-256', async () => {
    const res = await upload('city.420500', PDF);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      fileName: '场地证明.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      eventId: null,
    });
    const [row] = rowsOf<{ storage_key: string }>(
      await t.deps.db.execute(sql`select storage_key from attachments where id = ${a.id}`),
    );
    expect(row?.storage_key).not.toContain('场地证明');
    expect(fs.readFileSync(path.join(t.deps.config.dataDir, 'uploads', row?.storage_key ?? '')).equals(PDF)).toBe(true);
  });

  it('decides the type by the bytes: an executable named .pdf is refused (415) and nothing is stored', async () => {
    const before = await count();
    const res = await upload('city.420500', Buffer.from('MZ\x90\x00 not a pdf'), 'evil.pdf');
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_FILE');
    expect(res.json().message).toContain('PDF');
    expect(await count()).toBe(before);
  });

  it('keeps only the base name of a path-like file name', async () => {
    const res = await upload('city.420500', PDF, encodeURIComponent('../../etc/passwd.pdf'));
    expect(res.json().fileName).toBe('passwd.pdf');
  });

  it('refuses other scopes (404) and roles without the permission (403), storing nothing', async () => {
    const before = await count();
    expect((await upload('city.420600', PDF)).statusCode).toBe(404);
    expect((await upload('park.1', PDF)).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('goes with a workflow step, and each file with one step only', async () => {
    const a = (await upload('city.420500', PDF)).json();
    const forward = await as(t.app, cookies['city.420500'] ?? '', {
      method: 'POST',
      url: `/api/centres/${centreId}/forward`,
      payload: { version, comment: '附场地证明', attachmentIds: [a.id] },
    });
    expect(forward.statusCode, forward.body).toBe(200);
    const detail = forward.json();
    const event = detail.events.find((e: { action: string }) => e.action === 'forward');
    expect(detail.attachments.find((x: { id: number }) => x.id === a.id).eventId).toBe(event.id);
    // Used once: the province cannot re-use it for its own step.
    const again = await as(t.app, cookies.province ?? '', {
      method: 'POST',
      url: `/api/centres/${centreId}/approve`,
      payload: { version: detail.version, attachmentIds: [a.id] },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('ATTACHMENT_INVALID');
    const still = await as(t.app, cookies.province ?? '', { method: 'GET', url: `/api/centres/${centreId}` });
    expect(still.json().status).toBe('forwarded');
  });

  it('downloads for those in scope only, with the stored type and nosniff', async () => {
    const a = (await upload('county.420502', PDF)).json();
    const ok = await as(t.app, cookies.province ?? '', { method: 'GET', url: `/api/attachments/${a.id}` });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.rawPayload.equals(PDF)).toBe(true);
    const out = await as(t.app, cookies['city.420600'] ?? '', { method: 'GET', url: `/api/attachments/${a.id}` });
    expect(out.statusCode).toBe(404);
  });
});

describe('file names from the upload header', () => {
  it('drop directories and control characters, and fall back to a name when nothing is left', async () => {
    const { cleanFileName } = await import('../src/server/lib/stored-file');
    expect(cleanFileName(encodeURIComponent('a\u0000b\nc.pdf'), 'pdf')).toBe('abc.pdf');
    expect(cleanFileName('..%2F..%2Fx.pdf', 'pdf')).toBe('x.pdf');
    expect(cleanFileName(undefined, 'png')).toBe('附件.png');
  });
});
