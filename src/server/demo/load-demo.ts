import { asc, count, eq, inArray } from 'drizzle-orm';
import type { TRole } from '../../contracts/access';
import { RECOGNISED_STATUSES } from '../../contracts/centre';
import type { TOperatorDetail } from '../../contracts/operator';
import type { TPark } from '../../contracts/park';
import { auditContext, type Deps, systemContext } from '../context';
import { centres as centreTable, operators as operatorTable, parks as parkTable, regions, users } from '../db/schema';
import { writeAudit } from '../lib/audit';
import { getCentreDetail } from '../modules/centre/centre.presenter';
import { requestCentreChange } from '../modules/centre/request-centre-change';
import { evaluateContract, recordContract } from '../modules/engagement/annual-contracts';
import { getOperator } from '../modules/operator/get-operator';
import { addStaff } from '../modules/staff/staff-roster';
import { beijingDay } from '../policy/policy';
import { makeCentre } from './centre-factory';
import { makeEngagement, makeOperatorChange } from './engagement-factory';
import { makePark, makeUser } from './factories';
import { makeOperator } from './operator-factory';
import { PARK_CATALOG } from './park-catalog';
import { loadDemoServices } from './service-demo';

export interface DemoAccount {
  username: string;
  role: TRole;
  scope: string;
}

export async function databaseHasUsers(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/**
 * The demo data set (SPEC §6, §8): Hubei's development zones and one account per role — admin, province, every
 * city, every county with a park, every park, and an evaluator. Operator and enterprise accounts arrive with the
 * centres and enterprises they belong to (issues 4–6). Everything is marked is_demo, and shown as 演示数据.
 */
export async function loadDemo(deps: Deps, password: string): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  const add = async (input: Parameters<typeof makeUser>[1], scope: string) => {
    await makeUser(deps, input, { isDemo: true });
    accounts.push({ username: input.username, role: input.role, scope });
  };

  const parks = [];
  for (const seed of PARK_CATALOG) {
    parks.push(
      await makePark(
        deps,
        { name: seed.name, kind: seed.kind, level: seed.level, countyCode: seed.countyCode },
        { isDemo: true },
      ),
    );
  }

  const centres = await loadDemoCentres(deps, parks);
  const operators = await loadDemoOperators(deps);
  const recognised = await loadDemoStaff(deps);
  await loadDemoEngagements(deps);

  await add({ username: 'admin', role: 'admin', password, displayName: '系统管理员（演示）' }, '—');
  await add({ username: 'province', role: 'province', password, displayName: '湖北省商务厅（演示）' }, '湖北省');
  const cities = await deps.db.select().from(regions).where(eq(regions.level, 'city')).orderBy(regions.code);
  for (const city of cities) {
    await add(
      {
        username: `city.${city.code}`,
        role: 'city',
        password,
        regionCode: city.code,
        displayName: `${city.name}商务局（演示）`,
      },
      city.name,
    );
  }
  const counties = new Map(parks.map((p) => [p.countyCode, p.countyName]));
  for (const [code, name] of [...counties].sort()) {
    await add(
      { username: `county.${code}`, role: 'county', password, regionCode: code, displayName: `${name}商务局（演示）` },
      name,
    );
  }
  for (const park of parks) {
    await add(
      {
        username: `park.${park.id}`,
        role: 'park',
        password,
        parkId: park.id,
        displayName: `${park.name}管委会（演示）`,
      },
      park.name,
    );
  }
  // SPEC §8: operator.<centre id> — the operator staff of each recognised centre.
  for (const c of recognised) {
    await add(
      { username: `operator.${c.id}`, role: 'operator', password, centreId: c.id, displayName: `${c.name}（演示）` },
      c.name,
    );
  }
  await add(
    { username: 'evaluator.1', role: 'evaluator', password, evaluatorId: 1, displayName: '第三方评估机构（演示）' },
    '—',
  );
  // SPEC §8: enterprise.<credit code> — enterprises served by the operating centres, with their service history.
  for (const e of await loadDemoServices(deps, password))
    accounts.push({ username: e.username, role: 'enterprise', scope: e.scope });

  const ctx = systemContext(deps);
  await deps.db.transaction(async (tx) => {
    await writeAudit(tx, auditContext(ctx), {
      action: 'demo.loaded',
      objectType: 'demo',
      objectId: null,
      after: { parks: parks.length, centres, operators, accounts: accounts.length },
    });
  });
  return accounts;
}

/**
 * Centres across Hubei (issue 4): a recognised centre in every city (in its first national-level park where it has
 * one), a second centre in 武汉东湖 (Art. 9(二)), applications waiting at each step, one adjusted, one revoked,
 * and a city's adjustment request awaiting the province.
 */
async function loadDemoCentres(deps: Deps, parks: TPark[]): Promise<number> {
  const byCity = new Map<string, TPark[]>();
  for (const p of parks) byCity.set(p.cityCode, [...(byCity.get(p.cityCode) ?? []), p]);
  const used = new Set<number>();
  let n = 0;
  const make = async (park: TPark | undefined, target: Parameters<typeof makeCentre>[1]['target'], input = {}) => {
    if (!park) return undefined;
    used.add(park.id);
    n++;
    return makeCentre(deps, { park, target, input, isDemo: true });
  };
  for (const [, list] of [...byCity].sort(([a], [b]) => a.localeCompare(b))) {
    await make(list.find((p) => p.level === 'national') ?? list[0], 'approved');
  }
  const donghu = parks.find((p) => p.name.startsWith('武汉东湖新技术开发区'));
  await make(donghu, 'approved', {
    name: '光谷国际外贸综合服务中心',
    venueAddress: '武汉市洪山区光谷大道光谷国际企业服务中心三楼',
    tradingEnterpriseCount: 1260,
    supportStatement: '东湖高新区实绩外贸企业1260家；区财政每年安排配套资金，提供300平方米场地及办公、直播设备。',
  });
  const free = (cityCode: string) =>
    (byCity.get(cityCode) ?? []).find((p) => !used.has(p.id) && p.level !== 'national');
  await make(free('420500'), 'submitted');
  await make(free('420500'), 'draft');
  await make(free('420600'), 'forwarded');
  await make(free('421000'), 'returned');
  await make(free('420900'), 'rejected');
  await make(free('420800'), 'adjusted');
  await make(free('420300'), 'revoked');
  const waiting = await make(free('421200'), 'approved');
  if (waiting) {
    await requestCentreChange(systemContext(deps, 'city', { regionCode: '421200' }), waiting.id, {
      kind: 'adjustment',
      reason: '中心服务电话变更。',
      adjustment: { contactPhone: '0715-8123456' },
      version: waiting.version,
    });
  }
  return n;
}

/** Operator enterprises (issue 5): eligible ones, one with a recent violation (Art. 10(一)3). */
async function loadDemoOperators(deps: Deps): Promise<number> {
  // Name, premises, and the county that registered it (decision 0009; the province registered the first).
  const names: [string, string, string | undefined][] = [
    ['湖北楚贸通外贸综合服务有限公司', '武汉市东湖新技术开发区光谷大道77号', undefined],
    ['宜昌三峡国际供应链管理有限公司', '宜昌市西陵区东山大道95号', '420502'],
    ['襄阳汉江外贸服务有限公司', '襄阳市樊城区长虹北路6号', '420606'],
    ['荆州长江国际货运代理有限公司', '荆州市沙市区北京中路188号', '421002'],
  ];
  for (const [i, [name, premises, registeredIn]] of names.entries()) {
    await makeOperator(deps, { serial: 101 + i, input: { name, premises }, isDemo: true, registeredIn });
  }
  await makeOperator(deps, {
    serial: 120,
    input: { name: '黄石港通外贸代理有限公司', premises: '黄石市下陆区团城山街道杭州西路10号' },
    violations: ['2025-06-18'],
    isDemo: true,
  });
  return names.length + 1;
}

const STAFF_NAMES = ['陈晓明', '刘婷', '王磊', '张敏', '李娜', '周杰', '吴芳'];

/**
 * Rosters for the recognised centres (Art. 7): each meets its minimum — 5/2/1/1 in a national park, 3/1/1/1
 * elsewhere — except the one in 荆州, one person short, so that the dashboards have a non-compliant centre to show.
 */
async function loadDemoStaff(deps: Deps): Promise<{ id: number; name: string }[]> {
  const rows = await deps.db
    .select({
      id: centreTable.id,
      name: centreTable.name,
      countyCode: centreTable.countyCode,
      cityCode: centreTable.cityCode,
      level: parkTable.level,
    })
    .from(centreTable)
    .innerJoin(parkTable, eq(parkTable.id, centreTable.parkId))
    .where(inArray(centreTable.status, [...RECOGNISED_STATUSES]))
    .orderBy(asc(centreTable.id));
  for (const c of rows) {
    const county = systemContext(deps, 'county', { regionCode: c.countyCode });
    const size = (c.level === 'national' ? 5 : 3) - (c.cityCode === '421000' ? 1 : 0);
    for (let i = 0; i < size; i++) {
      await addStaff(county, c.id, {
        name: STAFF_NAMES[(c.id + i) % STAFF_NAMES.length] ?? '派驻人员',
        tradeYears: i < 2 ? 6 - i : 1,
        customsDeclarant: i === 0,
        foreignLanguage: i === 1,
        socialInsuranceProof: `社保参保证明 ${c.id}-${i + 1}`,
      });
    }
  }
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

const DAY_MS = 86_400_000;

function dayOffset(deps: Deps, days: number): string {
  return beijingDay(new Date(deps.clock().getTime() + days * DAY_MS));
}

/**
 * Operators engaged for the recognised centres (issue 5, Art. 10(三)): most filed and operating, with a year-1
 * contract; one renewed for its second year, one whose year failed its evaluation (re-procurement due),
 * one agreement past its 15-working-day filing deadline, one report awaiting the province, one tender with its
 * materials still incomplete, and one change of operator awaiting the city.
 */
async function loadDemoEngagements(deps: Deps): Promise<void> {
  const rows = await deps.db
    .select({ id: centreTable.id, status: centreTable.status, cityCode: centreTable.cityCode, cityName: regions.name })
    .from(centreTable)
    .innerJoin(regions, eq(regions.code, centreTable.cityCode))
    .where(inArray(centreTable.status, [...RECOGNISED_STATUSES]))
    .orderBy(asc(centreTable.id));
  const named: Record<string, number> = {};
  const existing = await deps.db.select({ id: operatorTable.id, name: operatorTable.name }).from(operatorTable);
  for (const o of existing) named[o.name] = o.id;
  const preferred: Record<string, string> = {
    '420100': '湖北楚贸通外贸综合服务有限公司',
    '420500': '宜昌三峡国际供应链管理有限公司',
    '420600': '襄阳汉江外贸服务有限公司',
    '421000': '荆州长江国际货运代理有限公司',
  };
  const usedPreferred = new Set<string>();
  let serial = 300;
  const province = systemContext(deps, 'province');
  const seenCity = new Set<string>();
  for (const [i, c] of rows.entries()) {
    // The adjusted centre is between operators: its recognition changed, its new agreement not yet signed.
    if (c.status === 'adjusted') continue;
    const centre = await getCentreDetail(province, c.id);
    const wanted = preferred[c.cityCode];
    let operator: TOperatorDetail;
    if (wanted && !usedPreferred.has(wanted) && named[wanted]) {
      usedPreferred.add(wanted);
      operator = await getOperator(province, named[wanted]);
    } else {
      const short = c.cityName.replace(/(土家族苗族自治州|林区|市)$/, '');
      operator = await makeOperator(deps, {
        serial: serial++,
        input: {
          name: `${short}${['楚商', '汇通', '远航', '丝路'][i % 4]}外贸综合服务有限公司`,
          premises: `${c.cityName}${centre.countyName}${centre.parkName}企业服务中心`,
        },
        isDemo: true,
      });
    }
    const county = systemContext(deps, 'county', { regionCode: centre.countyCode });
    // One story per city, told by its first recognised centre; the others simply operate.
    const story = seenCity.has(c.cityCode) ? 'default' : c.cityCode;
    seenCity.add(c.cityCode);
    switch (story) {
      case '420500': {
        // Near the end of its first year: evaluated, passed, and the second year's contract signed (一年一签).
        let e = await makeEngagement(deps, { centre, operator, target: 'filed', withContract: true, daysAgo: 320 });
        const first = e.contracts[0];
        if (first) {
          e = await evaluateContract(county, e.id, first.id, {
            version: e.version,
            result: 'passed',
            evaluatedOn: dayOffset(deps, -3),
            note: '第1年度服务记录完整，企业满意度高，年度末期评估合格。',
          });
          await recordContract(county, e.id, {
            version: e.version,
            year: 2,
            contractNumber: `夷陵商务外综服合同〔${dayOffset(deps, 0).slice(0, 4)}〕2号`,
            signedOn: dayOffset(deps, -1),
            amount: 400_000,
          });
        }
        break;
      }
      case '420600': {
        // A year that failed its year-end evaluation: no renewal, re-procurement due.
        const e = await makeEngagement(deps, { centre, operator, target: 'filed', withContract: true, daysAgo: 300 });
        const contract = e.contracts[0];
        if (contract) {
          await evaluateContract(county, e.id, contract.id, {
            version: e.version,
            result: 'failed',
            evaluatedOn: dayOffset(deps, -2),
            note: '服务记录不完整，帮扶新开口企业数量未达协议目标，年度末期评估不合格。',
          });
        }
        break;
      }
      case '420800':
        // Signed 40 days ago and never reported: past the 15-working-day filing deadline.
        await makeEngagement(deps, { centre, operator, target: 'signed', withContract: false, daysAgo: 40 });
        break;
      case '422800':
        await makeEngagement(deps, { centre, operator, target: 'reported', daysAgo: 3 });
        break;
      case '420900':
        // Tender recorded; the county is still collecting the materials.
        await makeEngagement(deps, { centre, operator, target: 'tendered', daysAgo: 2 });
        break;
      case '420300': {
        const e = await makeEngagement(deps, { centre, operator, target: 'filed', withContract: true, daysAgo: 200 });
        await makeOperatorChange(deps, { engagement: e, target: 'submitted', changedDaysAgo: 10 });
        break;
      }
      default:
        await makeEngagement(deps, {
          centre,
          operator,
          target: 'filed',
          withContract: true,
          daysAgo: 30 + ((c.id * 37) % 240),
        });
    }
  }
}
