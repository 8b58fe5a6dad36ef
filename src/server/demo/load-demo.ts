import { asc, count, eq, inArray, min } from 'drizzle-orm';
import type { TRole } from '../../contracts/access';
import { RECOGNISED_STATUSES, type TCentreInput } from '../../contracts/centre';
import type { TOperatorDetail } from '../../contracts/operator';
import type { TPark } from '../../contracts/park';
import { auditContext, type Deps, systemContext } from '../context';
import {
  centres as centreTable,
  operators as operatorTable,
  parks as parkTable,
  policyVersions,
  regions,
  users,
} from '../db/schema';
import type { SessionUser } from '../lib/access/session-user';
import { type AuditBuffer, appendBufferedAudit, writeAudit } from '../lib/audit';
import { getCentreDetail } from '../modules/centre/centre.presenter';
import { requestCentreChange } from '../modules/centre/request-centre-change';
import { evaluateContract, recordContract } from '../modules/engagement/annual-contracts';
import { getOperator } from '../modules/operator/get-operator';
import { addStaff } from '../modules/staff/staff-roster';
import { beijingDay } from '../policy/policy';
import { loadDemoAssessment } from './assessment-demo';
import { makeEvaluationAgency } from './assessment-factory';
import { makeCentre } from './centre-factory';
import { loadDemoConditions } from './conditions-demo';
import { makeEngagement, makeOperatorChange } from './engagement-factory';
import { depsAt, makePark, makeUser, sessionUserOf } from './factories';
import { loadDemoFunding } from './funding-demo';
import { loadDemoPayments } from './funding-payments-demo';
import { makeOperator } from './operator-factory';
import { PARK_CATALOG } from './park-catalog';
import { contactName, officeNumber, personName, seededRandom } from './people';
import { loadDemoPolicyDraft } from './policy-demo';
import { makeSanction } from './sanction-factory';
import { loadDemoServices } from './service-demo';
import { loadDemoTrade } from './trade-demo';

export interface DemoAccount {
  username: string;
  role: TRole;
  scope: string;
}

export async function databaseHasUsers(deps: Deps): Promise<boolean> {
  const [row] = await deps.db.select({ n: count() }).from(users);
  return (row?.n ?? 0) > 0;
}

/** When the demo's history happens: `daysAgo` days before today, at a working hour (Beijing), never on a weekend. */
interface Timeline {
  /** Days between the first step of the demo's history and today. */
  span: number;
  at(daysAgo: number, hour?: number): Date;
}

async function demoTimeline(deps: Deps): Promise<Timeline> {
  const now = deps.clock().getTime();
  // Nothing can happen before the first policy version is in force (the rules read it), nor over a year ago.
  const [first] = await deps.db.select({ day: min(policyVersions.effectiveFrom) }).from(policyVersions);
  const policyStart = new Date(`${first?.day ?? '2026-01-01'}T00:00:00+08:00`).getTime();
  const span = Math.max(120, Math.floor((now - Math.max(policyStart, now - 365 * DAY_MS)) / DAY_MS) - 5);
  return {
    span,
    at(daysAgo: number, hour = 10) {
      const day = Math.max(0, Math.round(daysAgo));
      let t = new Date(`${dayOffset(deps, -day)}T00:00:00+08:00`).getTime() + hour * 3_600_000;
      // Offices are closed at the weekend: the step moves to the Friday before.
      for (;;) {
        const weekday = new Date(t + 8 * 3_600_000).getUTCDay();
        if (weekday !== 0 && weekday !== 6) break;
        t -= DAY_MS;
      }
      return new Date(Math.min(t, now - 60_000));
    },
  };
}

/**
 * The demo data set (SPEC §6, §8, issue 11): Hubei's development zones and one account per role — admin, province,
 * every city, every county with a park, every park, the operator of every recognised centre, enterprises, an
 * evaluator. The history since the policy took effect is made by these accounts through the use cases, each step at
 * its own time and in order (applied, approved, tendered, filed, serving); the audit chain is appended in time order
 * at the end (lib/audit.ts, AuditBuffer). Everything is marked is_demo, and shown as 演示数据.
 */
export async function loadDemo(baseDeps: Deps, password: string): Promise<DemoAccount[]> {
  const buffer: AuditBuffer = [];
  const deps: Deps = { ...baseDeps, auditBuffer: buffer };
  const tl = await demoTimeline(deps);
  const accounts: DemoAccount[] = [];
  const users = new Map<string, SessionUser>();
  const opening = tl.at(tl.span + 2, 9);
  const add = async (input: Parameters<typeof makeUser>[1], scope: string, at = opening) => {
    const u = await makeUser(depsAt(deps, at), input, { isDemo: true, by: users.get('admin') });
    users.set(input.username, sessionUserOf(u));
    accounts.push({ username: input.username, role: input.role, scope });
  };

  await add({ username: 'admin', role: 'admin', password, displayName: '系统管理员（演示）' }, '—');
  await add({ username: 'province', role: 'province', password, displayName: '湖北省商务厅（演示）' }, '湖北省');
  const parks = [];
  for (const seed of PARK_CATALOG) {
    parks.push(
      await makePark(
        depsAt(deps, opening),
        { name: seed.name, kind: seed.kind, level: seed.level, countyCode: seed.countyCode },
        { isDemo: true, by: users.get('province') },
      ),
    );
  }
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
  const who = (username: string) => {
    const u = users.get(username);
    if (!u) throw new Error(`demo account ${username} missing`);
    return u;
  };
  const actors = (p: { countyCode: string; cityCode: string }) => ({
    county: who(`county.${p.countyCode}`),
    city: who(`city.${p.cityCode}`),
    province: who('province'),
  });

  const plan = await loadDemoCentres(deps, tl, parks, actors);
  const operators = await loadDemoOperators(deps, tl, who);
  // SPEC §8: operator.<centre id> — the operator staff of each recognised centre, from the day after its approval.
  const recognised = await recognisedCentres(deps);
  for (const c of recognised) {
    await add(
      { username: `operator.${c.id}`, role: 'operator', password, centreId: c.id, displayName: `${c.name}（演示）` },
      c.name,
      tl.at((plan.get(c.id)?.approved ?? 1) - 1, 9),
    );
  }
  await loadDemoStaff(deps, tl, recognised, plan, who);
  await loadDemoEngagements(deps, tl, plan, actors);
  // Issue 15: 宜昌's implementing rule (Art. 15), and the conditions watch's first look at each centre (Art. 9(四)).
  await loadDemoConditions(deps, {
    centres: [...plan].map(([id, p]) => ({ id, filedAt: tl.at(p.filed, 11) })),
    yichangCity: who('city.420500'),
    ruleAt: tl.at(21, 10),
  });
  // Art. 12(二)(3): the province's commissioned evaluation agency, whose account scores what it is assigned.
  const agency = await makeEvaluationAgency(deps.db, { name: '湖北省外贸发展评估研究中心（演示）' });
  await add(
    {
      username: 'evaluator.1',
      role: 'evaluator',
      password,
      evaluatorId: agency.id,
      displayName: '第三方评估机构（演示）',
    },
    '—',
  );
  // SPEC §8: enterprise.<credit code> — enterprises served by the operating centres, with their service history.
  const served = await loadDemoServices(deps, {
    operatorOf: (id) => who(`operator.${id}`),
    countyOf: (code) => who(`county.${code}`),
    password,
  });
  for (const e of served) accounts.push({ username: e.username, role: 'enterprise', scope: e.scope });
  // Issue 13: the monthly exchange rates and the demo enterprises' declarations since 2023, taken in by the province.
  const trade = await loadDemoTrade(deps, { province: who('province'), openedAt: opening });
  // Issue 14: the year's assessment, opened four working days ago, half the centres submitted, some passed.
  const assessment = await loadDemoAssessment(deps, {
    province: who('province'),
    operatorOf: (id) => users.get(`operator.${id}`),
    cityOf: (code) => users.get(`city.${code}`),
    openedAt: tl.at(4, 10),
    agencyId: agency.id,
  });
  // Issue 15 (Art. 16): the next policy version the province is drafting, for the impact preview.
  await loadDemoPolicyDraft(deps, who('province'), tl.at(1, 15));

  // Issue 15: two legacy centres (filed the year before last, last year graded), last year's and this year's
  // entitlements computed by the province, and two centres' matching funds.
  const funding = await loadDemoFunding(deps, {
    province: who('province'),
    cityOf: (code) => users.get(`city.${code}`),
    countyOf: (code) => users.get(`county.${code}`),
    at: tl.at(1, 10),
  });
  // Issue 15: payments with a second official's confirmation and a fund-use report with a flagged line.
  const payments = await loadDemoPayments(deps, {
    who,
    at: (daysAgo, hour) => tl.at(daysAgo, hour),
    addCityOfficial: async (username, cityCode, displayName) => {
      const city = who(`city.${cityCode}`);
      await add(
        {
          username,
          role: 'city',
          password,
          regionCode: cityCode,
          displayName: `${city.displayName.replace('（演示）', '')}${displayName}`,
        },
        `${city.displayName.replace('商务局（演示）', '')}（复核）`,
      );
      return who(username);
    },
  });

  // Issue 15 (Art. 14): one operator blacklisted six days ago, with its letter — on /sanctions and the public 黑名单.
  await loadDemoSanction(deps, tl, who);

  await baseDeps.db.transaction(async (tx) => {
    await appendBufferedAudit(tx, buffer);
    await writeAudit(tx, auditContext(systemContext(baseDeps)), {
      action: 'demo.loaded',
      objectType: 'demo',
      objectId: null,
      after: {
        parks: parks.length,
        centres: plan.size,
        operators,
        accounts: accounts.length,
        declarations: trade.declarations,
        assessment,
        funding,
        payments,
      },
    });
  });
  return accounts;
}

type Actors = (p: { countyCode: string; cityCode: string }) => {
  county: SessionUser;
  city: SessionUser;
  province: SessionUser;
};

/** Days before today of a recognised centre's steps: approved, and (when it has one) its operator filed. */
interface CentrePlan {
  approved: number;
  /** Days ago the operator's engagement is filed (or would be: the story decides how far it gets). */
  filed: number;
}

/** How early each city's first centre opened, as a share of the demo's span (0: first; 1: lately). */
const OPENING: Record<string, number> = {
  '420100': 0,
  '420500': 0.02,
  '420600': 0.04,
  '420200': 0.15,
  '421000': 0.2,
  '420700': 0.28,
  '420300': 0.3,
  '421100': 0.38,
  '421200': 0.42,
  '421300': 0.5,
  '429004': 0.55,
  '429005': 0.62,
  '429006': 0.7,
  '429021': 0.78,
  // These three have not reached filing: approved lately, their operator still on the way.
  '420800': 0.74,
  '420900': 0.8,
  '422800': 0.72,
};

/**
 * Centres across Hubei (issue 4): a recognised centre in every city (in its first national-level park where it has
 * one) opened over the months since the policy took effect, 武汉 first; a second centre in 武汉东湖 (Art. 9(二)),
 * applied for after the first was approved; applications waiting at each step, one adjusted, one revoked, and a
 * city's adjustment request awaiting the province.
 */
async function loadDemoCentres(
  deps: Deps,
  tl: Timeline,
  parks: TPark[],
  actors: Actors,
): Promise<Map<number, CentrePlan>> {
  const r = seededRandom(2026);
  const byCity = new Map<string, TPark[]>();
  for (const p of parks) byCity.set(p.cityCode, [...(byCity.get(p.cityCode) ?? []), p]);
  const used = new Set<number>();
  const plan = new Map<number, CentrePlan>();
  // From the first step of the history to the latest a centre can open and still have a few weeks of service.
  const earliestFiled = tl.span - 56;
  const latestFiled = 45;
  const filedFor = (share: number) => Math.round(earliestFiled - share * (earliestFiled - latestFiled));
  const make = async (
    park: TPark | undefined,
    target: Parameters<typeof makeCentre>[1]['target'],
    filed: number,
    input: Partial<Omit<TCentreInput, 'parkId'>> = {},
  ) => {
    if (!park) return undefined;
    used.add(park.id);
    // Drafted, submitted 3 days later, forwarded a week on, approved ten days after that; then the tender and
    // filing take five weeks (makeEngagement's steps below).
    const days = [filed + 55, filed + 52, filed + 45, filed + 36, filed + 8, filed + 2];
    // A revocation comes months after approval, when the centre has still not begun to serve.
    if (target === 'revoked') days[4] = 21;
    const c = await makeCentre(deps, {
      park,
      target,
      isDemo: true,
      actors: actors(park),
      steps: days.map((d, i) => tl.at(d, 9 + ((i * 3 + park.id) % 8))),
      input: {
        contactPerson: contactName(r),
        contactPhone: officeNumber(r, park.cityCode),
        ...input,
      },
    });
    if (target === 'approved' || target === 'adjusted') plan.set(c.id, { approved: filed + 36, filed });
    return c;
  };
  for (const [code, list] of [...byCity].sort(([a], [b]) => a.localeCompare(b))) {
    await make(list.find((p) => p.level === 'national') ?? list[0], 'approved', filedFor(OPENING[code] ?? 0.5));
  }
  const donghu = parks.find((p) => p.name.startsWith('武汉东湖新技术开发区'));
  await make(donghu, 'approved', filedFor(0.35), {
    name: '光谷国际外贸综合服务中心',
    venueAddress: '武汉市洪山区光谷大道光谷国际企业服务中心三楼',
    tradingEnterpriseCount: 1260,
    supportStatement: '东湖高新区实绩外贸企业1260家；区财政每年安排配套资金，提供300平方米场地及办公、直播设备。',
  });
  const free = (cityCode: string) =>
    (byCity.get(cityCode) ?? []).find((p) => !used.has(p.id) && p.level !== 'national');
  // Applications on their way: days ago counted from a notional filing 55 days after drafting.
  await make(free('420500'), 'submitted', -43);
  await make(free('420500'), 'draft', -50);
  await make(free('420600'), 'forwarded', -36);
  await make(free('421000'), 'returned', -25);
  await make(free('420900'), 'rejected', 5);
  await make(free('420800'), 'adjusted', filedFor(0.25));
  await make(free('420300'), 'revoked', filedFor(0.1));
  const waiting = await make(free('421200'), 'approved', filedFor(0.6));
  if (waiting) {
    const city = actors(waiting);
    await requestCentreChange(
      { deps: depsAt(deps, tl.at(4, 15)), user: city.city, ip: null, requestId: 'demo', locale: 'zh-CN' },
      waiting.id,
      {
        kind: 'adjustment',
        reason: '中心服务电话变更。',
        adjustment: { contactPhone: officeNumber(r, waiting.cityCode) },
        version: waiting.version,
      },
    );
  }
  return plan;
}

/** Operator enterprises (issue 5): eligible ones, one with a recent violation (Art. 10(一)3). */
async function loadDemoOperators(deps: Deps, tl: Timeline, who: (u: string) => SessionUser): Promise<number> {
  // Name, premises, the county whose market regulator registered it (its credit code's region), and the county
  // that entered it on the platform (decision 0009; the province entered the first).
  const names: [string, string, string, string | undefined][] = [
    ['湖北楚贸通外贸综合服务有限公司', '武汉市东湖新技术开发区光谷大道77号', '420111', undefined],
    ['宜昌三峡国际供应链管理有限公司', '宜昌市西陵区东山大道95号', '420502', '420502'],
    ['襄阳汉江外贸服务有限公司', '襄阳市樊城区长虹北路6号', '420606', '420606'],
    ['荆州长江国际货运代理有限公司', '荆州市沙市区北京中路188号', '421002', '421002'],
  ];
  const r = seededRandom(5);
  const at = tl.at(tl.span, 14);
  for (const [i, [name, premises, region, registeredIn]] of names.entries()) {
    await makeOperator(deps, {
      serial: 101 + i,
      input: { name, premises, contactPhone: officeNumber(r, `${region.slice(0, 4)}00`) },
      isDemo: true,
      registeredIn,
      regionCode: region,
      as: registeredIn ? who(`county.${registeredIn}`) : who('province'),
      at,
    });
  }
  await makeOperator(deps, {
    serial: 120,
    input: {
      name: '黄石港通外贸代理有限公司',
      premises: '黄石市下陆区团城山街道杭州西路10号',
      contactPhone: officeNumber(r, '420200'),
    },
    violations: ['2025-06-18'],
    isDemo: true,
    regionCode: '420204',
    as: who('province'),
    at,
  });
  return names.length + 1;
}

/**
 * A blacklisted operator (Art. 14) that runs no centre, so that the demo's centres keep their operators: its letter,
 * grounds and facts show on /sanctions, the operator register and the public blacklist.
 */
async function loadDemoSanction(deps: Deps, tl: Timeline, who: (u: string) => SessionUser): Promise<void> {
  const at = tl.at(6, 10);
  const operator = await makeOperator(deps, {
    serial: 121,
    input: {
      name: '孝感鼎盛外贸代理有限公司',
      premises: '孝感市孝南区长征路88号',
      contactPhone: '0712-2860000',
    },
    isDemo: true,
    regionCode: '420902',
    as: who('province'),
    at: tl.at(tl.span, 14),
  });
  await makeSanction(
    deps,
    {
      kind: 'blacklist',
      operatorId: operator.id,
      grounds: ['14'],
      facts:
        '该企业在申请外综服中心承办补助时，虚构服务企业名单和代办业务记录，伪造服务台账，意图骗取财政补助资金；经省商务厅会同财政部门核查属实（演示数据）。',
    },
    { as: who('province'), at },
  );
}

async function recognisedCentres(deps: Deps) {
  return deps.db
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
}

/**
 * Rosters for the recognised centres (Art. 7), entered by the county in the week after approval: each meets its
 * minimum — 5/2/1/1 in a national park, 3/1/1/1 elsewhere — except the one in 荆州, one person short, so that the
 * dashboards have a non-compliant centre to show.
 */
async function loadDemoStaff(
  deps: Deps,
  tl: Timeline,
  rows: Awaited<ReturnType<typeof recognisedCentres>>,
  plan: Map<number, CentrePlan>,
  who: (u: string) => SessionUser,
): Promise<void> {
  const r = seededRandom(7);
  for (const c of rows) {
    const at = tl.at((plan.get(c.id)?.approved ?? 30) - 3, 11);
    const county = { deps: depsAt(deps, at), user: who(`county.${c.countyCode}`), ip: null, requestId: 'demo' };
    const size = (c.level === 'national' ? 5 : 3) - (c.cityCode === '421000' ? 1 : 0);
    for (let i = 0; i < size; i++) {
      await addStaff({ ...county, locale: 'zh-CN' }, c.id, {
        name: personName(r),
        tradeYears: i < 2 ? r.int(4, 12) : r.int(1, 3),
        customsDeclarant: i === 0,
        foreignLanguage: i === 1,
        socialInsuranceProof: `社保参保证明 ${c.countyCode}-${String(r.int(100000, 999999))}`,
      });
    }
  }
}

const DAY_MS = 86_400_000;

function dayOffset(deps: Deps, days: number): string {
  return beijingDay(new Date(deps.clock().getTime() + days * DAY_MS));
}

/**
 * Operators engaged for the recognised centres (issue 5, Art. 10(三)), each tendered after its centre's approval at
 * its own price, the contract at the award: most filed and operating with a year-1 contract; one renewed for its
 * second year, one whose year failed its evaluation (re-procurement due), one agreement past its 15-working-day
 * filing deadline, one report awaiting the province, one tender with its materials still incomplete, and one change
 * of operator awaiting the city.
 */
async function loadDemoEngagements(
  deps: Deps,
  tl: Timeline,
  plan: Map<number, CentrePlan>,
  actors: Actors,
): Promise<void> {
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
  const r = seededRandom(11);
  let serial = 300;
  const province = systemContext(deps, 'province');
  const seenCity = new Set<string>();
  for (const [i, c] of rows.entries()) {
    // The adjusted centre is between operators: its recognition changed, its new agreement not yet signed.
    if (c.status === 'adjusted') continue;
    const centre = await getCentreDetail(province, c.id);
    const who = actors(centre);
    const filed = plan.get(c.id)?.filed ?? 30;
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
          contactPhone: officeNumber(r, c.cityCode),
        },
        isDemo: true,
        registeredIn: centre.countyCode,
        as: who.county,
        at: tl.at(filed + 30, 10),
      });
    }
    // The yearly price won at tender: 武汉 and the big cities more, the counties less (元, to the thousand).
    const amount = (c.cityCode === '420100' ? r.int(52, 68) : r.int(28, 46)) * 10_000 + r.int(0, 9) * 1_000;
    // Announced three days after approval, awarded three weeks later (tenderInputFor), recorded two days on.
    const steps = {
      tendered: tl.at(filed + 10, 10),
      ready: tl.at(filed + 8, 15),
      signed: tl.at(filed + 6, 10),
      reported: tl.at(filed + 3, 16),
      filed: tl.at(filed, 10),
    };
    const base = { centre, operator, amount, actors: who, steps, awardedDaysAgo: 2 };
    const county = (daysAgo: number) => ({
      deps: depsAt(deps, tl.at(daysAgo, 15)),
      user: who.county,
      ip: null,
      requestId: 'demo',
      locale: 'zh-CN' as const,
    });
    // One story per city, told by its first recognised centre; the others simply operate.
    const story = seenCity.has(c.cityCode) ? 'default' : c.cityCode;
    seenCity.add(c.cityCode);
    switch (story) {
      case '420500': {
        // Near the end of its first year: evaluated, passed, and the second year's contract signed (一年一签).
        let e = await makeEngagement(deps, { ...base, target: 'filed', withContract: true });
        const first = e.contracts[0];
        if (first) {
          e = await evaluateContract(county(5), e.id, first.id, {
            version: e.version,
            result: 'passed',
            evaluatedOn: beijingDay(tl.at(5, 15)),
            note: '第1年度服务记录完整，企业满意度高，年度末期评估合格。',
          });
          await recordContract(county(2), e.id, {
            version: e.version,
            year: 2,
            contractNumber: `${centre.countyName}外综服合同〔${beijingDay(tl.at(2, 15)).slice(0, 4)}〕2号`,
            signedOn: beijingDay(tl.at(2, 15)),
            amount,
          });
        }
        break;
      }
      case '420600': {
        // A year that failed its year-end evaluation: no renewal, re-procurement due.
        const e = await makeEngagement(deps, { ...base, target: 'filed', withContract: true });
        const contract = e.contracts[0];
        if (contract) {
          await evaluateContract(county(3), e.id, contract.id, {
            version: e.version,
            result: 'failed',
            evaluatedOn: beijingDay(tl.at(3, 15)),
            note: '服务记录不完整，帮扶新开口企业数量未达协议目标，年度末期评估不合格。',
          });
        }
        break;
      }
      case '420800':
        // Signed 40 days ago and never reported: past the 15-working-day filing deadline.
        await makeEngagement(deps, {
          ...base,
          target: 'signed',
          withContract: false,
          steps: { ...steps, tendered: tl.at(46, 10), ready: tl.at(43, 15), signed: tl.at(40, 10) },
        });
        break;
      case '422800':
        // Reported by the city three days ago; the province has yet to file it.
        await makeEngagement(deps, {
          ...base,
          target: 'reported',
          steps: {
            ...steps,
            tendered: tl.at(30, 10),
            ready: tl.at(24, 15),
            signed: tl.at(16, 10),
            reported: tl.at(3, 16),
          },
        });
        break;
      case '420900':
        // Tender recorded; the county is still collecting the materials.
        await makeEngagement(deps, { ...base, target: 'tendered', steps: { ...steps, tendered: tl.at(2, 10) } });
        break;
      case '420300': {
        const e = await makeEngagement(deps, { ...base, target: 'filed', withContract: true });
        await makeOperatorChange(depsAt(deps, tl.at(1, 10)), {
          engagement: e,
          target: 'submitted',
          changedDaysAgo: 10,
        });
        break;
      }
      default:
        await makeEngagement(deps, { ...base, target: 'filed', withContract: true });
    }
  }
}
