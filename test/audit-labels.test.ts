import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TAuditEntry } from '../src/contracts/audit';
import type { TCentreDetail } from '../src/contracts/centre';
import { systemContext } from '../src/server/context';
import { makeCentre } from '../src/server/demo/centre-factory';
import { makeEngagement } from '../src/server/demo/engagement-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import { labelKey, resolveAuditObjectLabels } from '../src/server/modules/audit/audit-object-labels';
import { as, buildTestApp, loginAs, type TestApp } from './helpers/app';
import { TEST_PASSWORD } from './helpers/constants';

const ENT = 'enterprise.91420500MA4F000001';

describe('the operation log names objects as people know them, for readers who may know them', () => {
  let t: TestApp;
  let centre: TCentreDetail;
  let draft: TCentreDetail;
  let operatorName: string;
  let recordNumber: string;
  let parkName: string;
  let newUserId: number;
  const cookies: Record<string, string> = {};
  const get = async (u: string, url: string, lang = 'zh-CN') => {
    cookies[u] ??= await loginAs(t.app, u);
    return as(t.app, cookies[u] as string, { method: 'GET', url, headers: { 'accept-language': lang } });
  };
  const entries = async (u: string, query: string) => {
    const res = await get(u, `/api/audit?pageSize=100&${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res.json().items as TAuditEntry[];
  };
  const one = async (u: string, query: string) => {
    const items = await entries(u, query);
    expect(items.length, query).toBeGreaterThan(0);
    return items[0] as TAuditEntry;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    centre = await makeCentre(t.deps, { park: t.world.parks.yichangHighTech, target: 'approved' });
    // A county's draft is its own working copy: nobody above the county may read it (centreScope).
    draft = await makeCentre(t.deps, {
      park: t.world.parks.zhijiang,
      target: 'draft',
      input: { name: '枝江草稿外贸综合服务中心' },
    });
    const operator = await makeOperator(t.deps, { serial: 71 });
    operatorName = operator.name;
    await makeEngagement(t.deps, { centre, operator, target: 'filed' });
    const province = await loginAs(t.app, 'province');
    const park = await as(t.app, province, {
      method: 'POST',
      url: '/api/parks',
      payload: { name: '宜都经济开发区', kind: 'economic_dev_zone', level: 'provincial', countyCode: '420581' },
    });
    parkName = park.json().name;
    const admin = await loginAs(t.app, 'admin');
    const created = await as(t.app, admin, {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'county.420581',
        displayName: '宜都市商务局 王科长',
        role: 'county',
        regionCode: '420581',
        password: TEST_PASSWORD,
      },
    });
    expect(created.statusCode).toBe(201);
    newUserId = created.json().id;
    const entLogin = await loginAs(t.app, ENT);
    const requested = await as(t.app, entLogin, {
      method: 'POST',
      url: '/api/service-records/requests',
      payload: {
        centreId: centre.id,
        category: 'tax_refund',
        subItem: 'refund_declaration',
        requestText: '请协助办理本月出口退税申报。',
      },
    });
    expect(requested.statusCode, requested.body).toBe(201);
    recordNumber = requested.json().number;
  });
  afterAll(async () => t?.close());

  it('shows the centre, the engagement, the operator, the park, the service record and the user by name', async () => {
    expect(await one('admin', 'action=centre.approved')).toMatchObject({
      objectType: 'centre',
      objectId: String(centre.id),
      objectLabel: centre.name,
    });
    expect((await one('admin', 'action=engagement.filed')).objectLabel).toBe(`${centre.name} · ${operatorName}`);
    expect((await one('admin', 'action=operator.created')).objectLabel).toBe(operatorName);
    expect((await one('admin', 'action=park.created')).objectLabel).toBe(parkName);
    const requested = await one('admin', 'action=service.requested');
    expect(requested).toMatchObject({ objectType: 'service_record', objectLabel: recordNumber });
    const userCreated = await entries('admin', 'action=user.created');
    expect(userCreated.find((e) => e.objectLabel === '宜都市商务局 王科长')).toBeDefined();
    // The province reads the whole log and every centre, engagement, operator, park and record in it.
    expect((await one('province', 'action=centre.approved')).objectLabel).toBe(centre.name);
    expect((await one('province', 'action=service.requested')).objectLabel).toBe(recordNumber);
  });

  it('names the actor by display name where the reader may read accounts', async () => {
    const byAdmin = (await entries('admin', 'action=user.created')).find((e) => e.actorName === 'admin');
    expect(byAdmin?.actorDisplayName).toBe('admin');
    const byEnterprise = await one('admin', 'action=service.requested');
    expect(byEnterprise).toMatchObject({ actorName: ENT, actorDisplayName: ENT });
  });

  it('gives a reader no name for an object outside its reach: type and id only', async () => {
    // The county's draft: neither the administrator nor the province may open it.
    for (const reader of ['admin', 'province']) {
      const created = (await entries(reader, 'action=centre.created')).find((e) => e.objectId === String(draft.id));
      expect(created, reader).toMatchObject({ objectType: 'centre', objectId: String(draft.id), objectLabel: null });
    }
    // User accounts are the administrator's: the province sees the entry, not another account's name.
    const userCreated = await entries('province', 'action=user.created');
    expect(userCreated.length).toBeGreaterThan(0);
    const own = String(t.world.users.province.id);
    for (const e of userCreated) expect(e.objectLabel).toBe(e.objectId === own ? 'province' : null);
    expect(userCreated.find((e) => e.objectLabel === '宜都市商务局 王科长')).toBeUndefined();
    expect(userCreated.every((e) => e.actorDisplayName === null)).toBe(true);
    // Its own account it knows: its own sign-in names it.
    const ownSignIn = (await entries('province', 'action=auth.login.succeeded')).find(
      (e) => e.objectId === String(t.world.users.province.id),
    );
    expect(ownSignIn).toMatchObject({ objectLabel: 'province', actorDisplayName: 'province' });
    const othersSignIn = (await entries('province', 'action=auth.login.succeeded')).find(
      (e) => e.objectId === String(t.world.users.admin.id),
    );
    expect(othersSignIn).toMatchObject({ objectType: 'user', objectLabel: null, actorDisplayName: null });
  });

  it('resolves names only inside the reader’s region (the same scope as the objects’ own pages)', async () => {
    const refs = [
      { objectType: 'centre', objectId: String(centre.id) },
      { objectType: 'service_record', objectId: (await one('admin', 'action=service.requested')).objectId },
      { objectType: 'engagement', objectId: (await one('admin', 'action=engagement.filed')).objectId },
      { objectType: 'centre', objectId: String(draft.id) },
    ];
    const yichang = systemContext(t.deps, 'city', { regionCode: '420500' }).user;
    const xiangyang = systemContext(t.deps, 'city', { regionCode: '420600' }).user;
    const zhijiang = systemContext(t.deps, 'county', { regionCode: '420583' }).user;
    if (!yichang || !xiangyang || !zhijiang) throw new Error('no context user');
    const own = await resolveAuditObjectLabels(t.deps.db, yichang, 'zh-CN', refs);
    expect(own.get(labelKey('centre', String(centre.id)))).toBe(centre.name);
    expect(own.get(labelKey('service_record', refs[1]?.objectId ?? ''))).toBe(recordNumber);
    // The city sees no county's draft, even in its own region.
    expect(own.has(labelKey('centre', String(draft.id)))).toBe(false);
    const other = await resolveAuditObjectLabels(t.deps.db, xiangyang, 'zh-CN', refs);
    expect([...other.values()]).toEqual([]);
    // The county that drafted it knows its own draft by name.
    const drafter = await resolveAuditObjectLabels(t.deps.db, zhijiang, 'zh-CN', refs);
    expect([...drafter.entries()]).toEqual([[labelKey('centre', String(draft.id)), draft.name]]);
  });

  it('exports the same words as the page: the action’s name, the object’s name, and the raw reference beside them', async () => {
    const res = await get('admin', '/api/audit?format=xlsx&action=centre.approved');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('操作')).toBe('核准设立外综服中心');
    expect(cell('对象')).toBe(`外综服中心：${centre.name}`);
    expect(cell('事件代码')).toBe('centre.approved');
    expect(cell('对象编号')).toBe(`centre:${centre.id}`);

    // The province's export keeps the type and id where it gets no name, as its page does.
    const prov = await get('province', '/api/audit?format=xlsx&action=user.created&lang=en', 'en');
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(prov.rawPayload as unknown as ArrayBuffer);
    const sheetEn = wbEn.worksheets[0];
    if (!sheetEn) throw new Error('no sheet');
    const headerEn = (sheetEn.getRow(1).values as unknown[]).slice(1);
    const objects = (sheetEn.getColumn(headerEn.indexOf('Object') + 1).values as unknown[]).slice(2);
    expect(objects.length).toBeGreaterThan(0);
    // Other accounts by number only; its own account by name.
    expect(objects).toContain(`User: #${newUserId}`);
    expect(objects).toContain('User: province');
    expect(objects.filter((o) => o !== 'User: province').every((o) => /^User: #\d+$/.test(String(o)))).toBe(true);
    expect((sheetEn.getColumn(headerEn.indexOf('Action') + 1).values as unknown[]).slice(2)).toContain('User created');
  });
});
