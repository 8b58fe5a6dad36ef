import { asc, eq, inArray, min } from 'drizzle-orm';
import type { TPark } from '../../../contracts/park';
import type { Deps } from '../../context';
import { policyVersions, regions } from '../../db/schema';
import type { SessionUser } from '../../lib/access/session-user';
import { addStaff } from '../../modules/staff/staff-roster';
import { beijingDay } from '../../policy/policy';
import { makeCentre } from '../centre-factory';
import { makeEngagement } from '../engagement-factory';
import { depsAt, makePark, makeUser, sessionUserOf } from '../factories';
import { makeOperator } from '../operator-factory';
import { PARK_CATALOG } from '../park-catalog';
import { contactName, officeNumber, personName, type Random, seededRandom, shortPlace } from '../people';
import type { ScaleSize } from './sizes';

const DAY_MS = 86_400_000;

/** An operating centre as the history generator needs it: where, since when, who works there, how it works. */
export interface ScaleCentre {
  id: number;
  countyCode: string;
  cityCode: string;
  parkId: number;
  services: string[];
  /** Filed (备案) and operating from this moment: no record before it. */
  filedAt: Date;
  operator: SessionUser;
  county: SessionUser;
  staffIds: number[];
  /** Relative volume: big parks and busy cities ask more. */
  weight: number;
  /** 1 = typical; higher is slower and rated worse (service-demo's ratingLevel). */
  quality: number;
  /** Share of completed records the enterprises rate. */
  rateShare: number;
}

export interface ScaleWorld {
  /** The first moment of the history (start of its first day, Beijing). */
  start: Date;
  parks: number;
  centres: ScaleCentre[];
}

/** A day `daysAgo` before `now` at `hour` Beijing time, moved back to the Friday when it falls on a weekend. */
function at(now: Date, daysAgo: number, hour: number): Date {
  const day = beijingDay(new Date(now.getTime() - daysAgo * DAY_MS));
  let t = new Date(`${day}T00:00:00+08:00`).getTime() + hour * 3_600_000;
  for (;;) {
    const weekday = new Date(t + 8 * 3_600_000).getUTCDay();
    if (weekday !== 0 && weekday !== 6) break;
    t -= DAY_MS;
  }
  return new Date(Math.min(t, now.getTime() - 60_000));
}

function gaussian(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/**
 * Parks, accounts and operating centres through the same use cases as the demo (factories): each centre applied
 * for, approved, tendered, signed and filed at its own time, its roster entered after approval. Centres open over
 * the first months of the history, most early, a few late; more centres than parks gives the national parks a
 * second centre (Art. 9(二), with the enterprise count and support the article asks for).
 */
export async function buildScaleWorld(deps: Deps, size: ScaleSize, password: string): Promise<ScaleWorld> {
  const now = deps.clock();
  const r = seededRandom(1_000_003);
  const [first] = await deps.db.select({ day: min(policyVersions.effectiveFrom) }).from(policyVersions);
  const policyStart = new Date(`${first?.day ?? '2026-01-01'}T00:00:00+08:00`);
  const yearsBack = new Date(now.getTime() - size.years * 365 * DAY_MS);
  const start = new Date(Math.max(policyStart.getTime(), yearsBack.getTime()));
  const span = Math.floor((now.getTime() - start.getTime()) / DAY_MS);
  if (span < 120) throw new Error('the policy took effect less than 120 days ago: no room for a history');
  const opening = at(now, span, 9);

  const users = new Map<string, SessionUser>();
  const add = async (input: Parameters<typeof makeUser>[1], when = opening) => {
    const u = sessionUserOf(await makeUser(depsAt(deps, when), input, { isDemo: true, by: users.get('admin') }));
    users.set(input.username, u);
    return u;
  };
  await add({ username: 'admin', role: 'admin', password, displayName: '系统管理员（演示）' });
  const province = await add({
    username: 'province',
    role: 'province',
    password,
    displayName: '湖北省商务厅（演示）',
  });

  const cities = (await deps.db.select().from(regions).where(eq(regions.level, 'city')).orderBy(asc(regions.code)))
    .slice(0, size.cities)
    .map((c) => c.code);
  const countyCity = new Map(
    (
      await deps.db
        .select({ code: regions.code, cityCode: regions.cityCode })
        .from(regions)
        .where(inArray(regions.cityCode, cities))
    ).map((x) => [x.code, x.cityCode]),
  );
  // National parks first, so that a size with few parks still has the big ones; then round the cities.
  const seeds = PARK_CATALOG.filter((p) => countyCity.has(p.countyCode));
  const rank = (level: string) => (level === 'national' ? 0 : level === 'provincial' ? 1 : 2);
  const ordered: typeof seeds = [];
  const byCity = new Map<string, typeof seeds>();
  for (const s of [...seeds].sort((a, b) => rank(a.level) - rank(b.level)))
    byCity.set(countyCity.get(s.countyCode) ?? '', [...(byCity.get(countyCity.get(s.countyCode) ?? '') ?? []), s]);
  for (let i = 0; ordered.length < seeds.length; i++)
    for (const code of cities) {
      const s = byCity.get(code)?.[i];
      if (s) ordered.push(s);
    }
  const parks: TPark[] = [];
  for (const seed of ordered.slice(0, Math.min(size.parks, ordered.length))) {
    parks.push(
      await makePark(
        depsAt(deps, opening),
        { name: seed.name, kind: seed.kind, level: seed.level, countyCode: seed.countyCode },
        { isDemo: true, by: province },
      ),
    );
  }
  const regionNames = new Map(
    (await deps.db.select({ code: regions.code, name: regions.name }).from(regions)).map((x) => [x.code, x.name]),
  );
  for (const code of cities)
    await add({
      username: `city.${code}`,
      role: 'city',
      password,
      regionCode: code,
      displayName: `${regionNames.get(code)}商务局（演示）`,
    });
  for (const code of [...new Set(parks.map((p) => p.countyCode))].sort())
    await add({
      username: `county.${code}`,
      role: 'county',
      password,
      regionCode: code,
      displayName: `${regionNames.get(code)}商务局（演示）`,
    });
  const who = (username: string) => {
    const u = users.get(username);
    if (!u) throw new Error(`account ${username} missing`);
    return u;
  };

  const centres: ScaleCentre[] = [];
  const perPark = new Map<number, number>();
  const operatorNames = new Set<string>();
  const earliest = span - 60;
  const latest = Math.min(45, Math.floor(span / 3));
  // Art. 9(二): only a national-level 经开区/高新区 may hold more than one centre.
  const roomy = parks.filter(
    (p) => p.level === 'national' && (p.kind === 'high_tech_zone' || p.kind === 'economic_dev_zone'),
  );
  for (let i = 0; i < size.centres; i++) {
    const park = i < parks.length ? parks[i] : roomy[(i - parks.length) % Math.max(1, roomy.length)];
    if (!park) break;
    const nth = perPark.get(park.id) ?? 0;
    perPark.set(park.id, nth + 1);
    // Most centres open in the first months; a tail opens later (share squared leans early).
    const share = (i / Math.max(1, size.centres)) ** 2;
    const filed = Math.round(earliest - share * (earliest - latest));
    const actors = { county: who(`county.${park.countyCode}`), city: who(`city.${park.cityCode}`), province };
    const days = [filed + 55, filed + 52, filed + 45, filed + 36];
    const extra =
      nth === 0
        ? {}
        : {
            name: `${park.name}第${'一二三四五六七八九'[nth] ?? nth + 1}外贸综合服务中心`,
            venueAddress: `${park.cityName}${park.countyName}${park.name}企业服务大厦${nth + 1}楼`,
            tradingEnterpriseCount: 1200 + nth * 100,
            supportStatement: `园区实绩外贸企业${1200 + nth * 100}家；园区每年安排配套资金，提供场地及办公设备。`,
          };
    const centre = await makeCentre(deps, {
      park,
      target: 'approved',
      isDemo: true,
      actors,
      steps: days.map((d, k) => at(now, d, 9 + ((k * 3 + park.id) % 8))),
      input: { contactPerson: contactName(r), contactPhone: officeNumber(r, park.cityCode), ...extra },
    });
    // The county enters the roster in the week after approval (Art. 7 minimums: 5 in a national park, else 3).
    const rosterAt = at(now, filed + 33, 11);
    const staffIds: number[] = [];
    for (let k = 0; k < (park.level === 'national' ? 5 : 3); k++) {
      const s = await addStaff(
        { deps: depsAt(deps, rosterAt), user: actors.county, ip: null, requestId: 'demo', locale: 'zh-CN' },
        centre.id,
        {
          name: personName(r),
          tradeYears: k < 2 ? r.int(4, 12) : r.int(1, 3),
          customsDeclarant: k === 0,
          foreignLanguage: k === 1,
          socialInsuranceProof: `社保参保证明 ${park.countyCode}-${String(r.int(100000, 999999))}`,
        },
      );
      staffIds.push(s.id);
    }
    let operatorName = `${shortPlace(park.countyName)}${['楚商', '汇通', '远航', '丝路', '江汉', '荆楚'][i % 6]}外贸综合服务有限公司`;
    for (let k = 2; operatorNames.has(operatorName); k++)
      operatorName = operatorName.replace(/(\d*)有限公司$/, `${k}有限公司`);
    operatorNames.add(operatorName);
    const operator = await makeOperator(deps, {
      serial: 1000 + i,
      input: {
        name: operatorName,
        premises: `${park.cityName}${park.countyName}${park.name}企业服务中心`,
        contactPhone: officeNumber(r, park.cityCode),
      },
      isDemo: true,
      registeredIn: park.countyCode,
      regionCode: park.countyCode,
      as: actors.county,
      at: at(now, filed + 30, 10),
    });
    const amount = (park.cityCode === '420100' ? r.int(52, 68) : r.int(28, 46)) * 10_000 + r.int(0, 9) * 1_000;
    const steps = {
      tendered: at(now, filed + 10, 10),
      ready: at(now, filed + 8, 15),
      signed: at(now, filed + 6, 10),
      reported: at(now, filed + 3, 16),
      filed: at(now, filed, 10),
    };
    await makeEngagement(deps, {
      centre,
      operator,
      amount,
      actors,
      steps,
      awardedDaysAgo: 2,
      target: 'filed',
      withContract: true,
    });
    const account = await add(
      {
        username: `operator.${centre.id}`,
        role: 'operator',
        password,
        centreId: centre.id,
        displayName: `${centre.name}（演示）`,
      },
      // The day before filing, so that the account exists before the first record it enters.
      at(now, filed + 1, 11),
    );
    const cityWeight = park.cityCode === '420100' ? 2.5 : ['420500', '420600'].includes(park.cityCode) ? 1.4 : 1;
    centres.push({
      id: centre.id,
      countyCode: park.countyCode,
      cityCode: park.cityCode,
      parkId: park.id,
      services: centre.services,
      filedAt: steps.filed,
      operator: account,
      county: actors.county,
      staffIds,
      weight: Math.exp(0.6 * gaussian(r)) * cityWeight * (park.level === 'national' ? 1.6 : 1),
      quality: Math.min(2, Math.max(0.6, 1 + 0.35 * gaussian(r))),
      rateShare: 0.45 + 0.4 * r.next(),
    });
  }
  return { start: at(now, span, 0), parks: parks.length, centres };
}
