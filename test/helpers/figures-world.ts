import { eq, type sql } from 'drizzle-orm';
import { SERVICE_SUB_ITEMS } from '../../src/contracts/service-catalogue';
import type { TServiceCategory } from '../../src/contracts/service-category';
import type { TRatingLevel, TServiceRecordDetail } from '../../src/contracts/service-record';
import type { Deps, RequestContext } from '../../src/server/context';
import { rowsOf } from '../../src/server/db/client';
import { users } from '../../src/server/db/schema';
import { makeCentre } from '../../src/server/demo/centre-factory';
import { makeEngagement } from '../../src/server/demo/engagement-factory';
import { enterpriseCreditCode, makeEnterprise } from '../../src/server/demo/enterprise-factory';
import { depsAt, makeUser } from '../../src/server/demo/factories';
import { makeOperator } from '../../src/server/demo/operator-factory';
import type { SessionUser } from '../../src/server/lib/access/session-user';
import { recordService, requestService } from '../../src/server/modules/service/create-service';
import { rateService } from '../../src/server/modules/service/rate-service';
import { stepService } from '../../src/server/modules/service/step-service';
import { buildTestApp, type TestApp } from './app';
import { TEST_PASSWORD } from './constants';

/**
 * A world for the figures tests: three serving centres (宜昌高新区 in 西陵区, 枝江 — both in 宜昌 — and 襄阳高新区),
 * an operator account for each, two enterprises with accounts per centre, and every official of the fixture world.
 * Records are made through the service use cases only, at whatever time the test sets.
 */
export interface FiguresWorld {
  t: TestApp;
  centres: { id: number; countyCode: string; cityCode: string; parkId: number }[];
  operators: SessionUser[];
  /** Per centre, its enterprises' accounts. */
  enterprises: SessionUser[][];
  /** The officials and centre staff of every scope kind, by a readable name. */
  viewers: Record<string, SessionUser>;
}

async function sessionUser(deps: Deps, username: string): Promise<SessionUser> {
  const [u] = await deps.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    regionCode: u.regionCode,
    parkId: u.parkId,
    centreId: u.centreId,
    enterpriseId: u.enterpriseId,
    evaluatorId: u.evaluatorId,
    locale: 'zh-CN',
    isDemo: false,
    sessionTokenHash: '',
  };
}

export async function buildFiguresWorld(): Promise<FiguresWorld> {
  const t = await buildTestApp();
  const parks = [t.world.parks.yichangHighTech, t.world.parks.zhijiang, t.world.parks.xiangyangHighTech];
  const centres: FiguresWorld['centres'] = [];
  const operators: SessionUser[] = [];
  const enterprises: SessionUser[][] = [];
  for (const [i, park] of parks.entries()) {
    const centre = await makeCentre(t.deps, { park, target: 'approved' });
    await makeEngagement(t.deps, { centre, operator: await makeOperator(t.deps, { serial: 81 + i }), target: 'filed' });
    centres.push({ id: centre.id, countyCode: park.countyCode, cityCode: park.cityCode, parkId: park.id });
    // The fixture world's operator.1 runs centre 1; the others get accounts of their own.
    const opName = i === 0 ? 'operator.1' : `operator.fig${i}`;
    if (i > 0)
      await makeUser(t.deps, { username: opName, role: 'operator', password: TEST_PASSWORD, centreId: centre.id });
    operators.push(await sessionUser(t.deps, opName));
    const own: SessionUser[] = [];
    for (let k = 0; k < 2; k++) {
      const e = await makeEnterprise(t.deps, {
        particulars: {
          creditCode: enterpriseCreditCode(park.countyCode, 900 + i * 10 + k),
          name: `${park.name}图表${k + 1}号外贸有限公司`,
          countyCode: park.countyCode,
          parkId: park.id,
          contactPerson: '周经理',
          contactPhone: '0717-6200001',
          hasTradeRecord: true,
          firstTradeOn: '2024-05-01',
        },
        password: TEST_PASSWORD,
      });
      own.push(await sessionUser(t.deps, e.username ?? ''));
    }
    enterprises.push(own);
  }
  const viewers: Record<string, SessionUser> = {};
  for (const [name, u] of Object.entries(t.world.users)) {
    if (name === 'enterprise') continue;
    viewers[name] = await sessionUser(t.deps, u.username);
  }
  for (const [i, op] of operators.entries()) viewers[`operator${i + 1}`] = op;
  return { t, centres, operators, enterprises, viewers };
}

export function ctxOf(deps: Deps, user: SessionUser, at: Date): RequestContext {
  return { deps: depsAt(deps, at), user, ip: null, requestId: 'figures-test', locale: 'zh-CN' };
}

export const subItemOf = (category: TServiceCategory) => SERVICE_SUB_ITEMS[category][0]?.key ?? 'other';

/** The use cases, as the tests' actions call them. */
export const act = {
  request: (w: FiguresWorld, at: Date, centre: number, ent: number, category: TServiceCategory) =>
    requestService(ctxOf(w.t.deps, w.enterprises[centre]?.[ent] as SessionUser, at), {
      centreId: w.centres[centre]?.id as number,
      category,
      subItem: subItemOf(category),
      requestText: '请协助办理相关业务。',
    }),
  record: (
    w: FiguresWorld,
    at: Date,
    centre: number,
    ent: number,
    category: TServiceCategory,
    channel: 'window' | 'online' | 'onsite',
  ) =>
    recordService(ctxOf(w.t.deps, w.operators[centre] as SessionUser, at), {
      enterpriseId: w.enterprises[centre]?.[ent]?.enterpriseId as number,
      category,
      subItem: subItemOf(category),
      channel,
      requestText: '窗口咨询并办理。',
    }),
  step: (
    w: FiguresWorld,
    at: Date,
    r: TServiceRecordDetail,
    step: 'accept' | 'progress' | 'complete' | 'cancel',
  ): Promise<TServiceRecordDetail> => {
    const centre = w.centres.findIndex((c) => c.id === r.centreId);
    return stepService(ctxOf(w.t.deps, w.operators[centre] as SessionUser, at), r.id, step, {
      version: r.version,
      note: step === 'cancel' ? '企业不再需要' : '已处理',
    });
  },
  rate: (w: FiguresWorld, at: Date, r: TServiceRecordDetail, level: TRatingLevel) => {
    const centre = w.centres.findIndex((c) => c.id === r.centreId);
    const ent = w.enterprises[centre]?.find((e) => e.enterpriseId === r.enterpriseId) as SessionUser;
    return rateService(ctxOf(w.t.deps, ent, at), r.id, { level });
  },
};

/** Raw rows as plain values, for the tests' own reference queries. */
export async function rawRows<T>(deps: Deps, query: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await deps.db.execute(query));
}
