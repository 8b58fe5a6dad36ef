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

  it('names a stored file by the type of its bytes, never by the name the client sent', async () => {
    // A PDF called .html, sent as text/html: stored as .pdf, named .pdf, and downloaded as a PDF.
    const res = await upload('city.420500', PDF, encodeURIComponent('场地证明.html'), 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ fileName: '场地证明.pdf', contentType: 'application/pdf' });
    const [row] = rowsOf<{ storage_key: string; content_type: string }>(
      await t.deps.db.execute(sql`select storage_key, content_type from attachments where id = ${a.id}`),
    );
    expect(row?.storage_key).toMatch(/^\d{4}-\d{2}\/[0-9a-f-]{36}\.pdf$/);
    expect(row?.content_type).toBe('application/pdf');
    const down = await as(t.app, cookies.province ?? '', { method: 'GET', url: `/api/attachments/${a.id}` });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('场地证明.pdf')}`,
    );
    // A PNG with no extension at all gets one; a JPEG keeps its ".jpeg".
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await upload('city.420500', png, encodeURIComponent('照片'))).json().fileName).toBe('照片.png');
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
    expect((await upload('city.420500', jpeg, 'site.JPEG')).json()).toMatchObject({
      fileName: 'site.JPEG',
      contentType: 'image/jpeg',
    });
  });

  it('downloads a row whose stored name and type disagree with its bytes as what the bytes are', async () => {
    // A row written before names were checked: the download still goes by the bytes.
    const a = (await upload('city.420500', PDF)).json();
    await t.deps.db.execute(
      sql`update attachments set file_name = 'page.html', content_type = 'text/html' where id = ${a.id}`,
    );
    const down = await as(t.app, cookies.province ?? '', { method: 'GET', url: `/api/attachments/${a.id}` });
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toBe("attachment; filename*=UTF-8''page.pdf");
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

  it('end in the extension of the detected type, whatever the client called the file', async () => {
    const { cleanFileName } = await import('../src/server/lib/stored-file');
    expect(cleanFileName('report.html', 'pdf')).toBe('report.pdf');
    expect(cleanFileName('report.PDF', 'pdf')).toBe('report.PDF');
    expect(cleanFileName('photo.jpeg', 'jpg')).toBe('photo.jpeg');
    expect(cleanFileName(encodeURIComponent('方案 v1.2'), 'docx')).toBe('方案 v1.2.docx');
    expect(cleanFileName('.html', 'pdf')).toBe('附件.pdf');
    const long = cleanFileName(`${'长'.repeat(300)}.exe`, 'xlsx');
    expect(long).toHaveLength(200);
    expect(long.endsWith('.xlsx')).toBe(true);
  });
});
