import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCentreDetail } from '../src/contracts/centre';
import { ELIGIBILITY_ITEMS, REQUIRED_MATERIALS } from '../src/contracts/engagement';
import type { TOperatorDetail } from '../src/contracts/operator';
import type { TSanctionKind } from '../src/contracts/sanction';
import { type RequestContext, systemContext } from '../src/server/context';
import { rowsOf } from '../src/server/db/client';
import { makeCentre } from '../src/server/demo/centre-factory';
import { fundScopeFor, tenderInputFor } from '../src/server/demo/engagement-factory';
import { makePark, makeUser } from '../src/server/demo/factories';
import { makeEntitlement } from '../src/server/demo/funding-factory';
import { makeOperator } from '../src/server/demo/operator-factory';
import type { SessionUser } from '../src/server/lib/access/session-user';
import { AppError } from '../src/server/lib/errors';
import { recordContract } from '../src/server/modules/engagement/annual-contracts';
import { applyOperatorChange } from '../src/server/modules/engagement/apply-operator-change';
import { recordAgreement } from '../src/server/modules/engagement/record-agreement';
import { recordTender } from '../src/server/modules/engagement/record-tender';
import { stepEngagement } from '../src/server/modules/engagement/step-engagement';
import { updateChecklist } from '../src/server/modules/engagement/update-checklist';
import { uploadEngagementFile } from '../src/server/modules/engagement/upload-engagement-file';
import { confirmPayment } from '../src/server/modules/funding/payment-confirm';
import { recordPayment } from '../src/server/modules/funding/payment-record';
import { decideSanction } from '../src/server/modules/sanction/decide-sanction';
import { beijingDay } from '../src/server/policy/policy';
import { addDays } from '../src/server/policy/rules/deadlines';
import { buildTestApp, type TestApp } from './helpers/app';

/*
 * Property (Art. 10(一), 13, 14; issue 15): whatever order awards, agreements, contracts, filings, changes of
 * operator, payments and sanctions come in, a disqualified or blacklisted operator is never awarded a tender, never
 * gets a new agreement or annual contract, never comes in by a change of operator, is never paid (a payment recorded
 * by one city official and confirmed by another, Art. 11), never keeps a running engagement, and once blacklisted
 * every payment it was confirmed is on the recovery list (Art. 14 追回已拨付资金).
 *
 * The actions are the STEPS table below: one entry per kind of action, each with its arbitrary and its run. To add
 * one (the lead's payments), add an entry; the invariants are checked after every step whatever it is.
 */

let t: TestApp;
/** The two city officials of 宜昌 (the worlds' centres are in 西陵区): one records a payment, the other confirms. */
let cityIds: [number, number];
beforeAll(async () => {
  t = await buildTestApp();
  const second = await makeUser(t.deps, {
    username: 'city.420500.property',
    role: 'city',
    regionCode: '420500',
    password: 'Property#2026pw',
  });
  cityIds = [t.world.users.city.id, second.id];
});
afterAll(async () => t?.close());

interface World {
  centres: TCentreDetail[];
  operators: TOperatorDetail[];
  /** What the model knows: the operators' status as the sanctions left it. */
  status: Map<number, 'qualified' | 'disqualified' | 'blacklisted'>;
  /** A due entitlement per (centre, operator) to pay against: the computation's output, made as a fixture. */
  entitlements: Map<string, number>;
}

type Step =
  | { kind: 'award'; centre: number; operator: number }
  | { kind: 'agreement'; centre: number }
  | { kind: 'contract'; centre: number }
  | { kind: 'file'; centre: number }
  | { kind: 'change'; centre: number; operator: number }
  | { kind: 'pay'; centre: number }
  | { kind: 'sanction'; operator: number; sanction: TSanctionKind };

const CENTRES = 2;
const OPERATORS = 3;
const centreIx = fc.integer({ min: 0, max: CENTRES - 1 });
const operatorIx = fc.integer({ min: 0, max: OPERATORS - 1 });

const today = () => beijingDay(t.deps.clock());
const county = (c: TCentreDetail) => systemContext(t.deps, 'county', { regionCode: c.countyCode });
const cityOfficial = (i: 0 | 1): RequestContext => {
  const ctx = systemContext(t.deps, 'city', { regionCode: '420500' });
  const user = ctx.user as SessionUser;
  return { ...ctx, user: { ...user, id: cityIds[i], username: `city.${i}` } };
};
const pdf = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`);

async function latestEngagement(centreId: number) {
  const [e] = rowsOf<{ id: number; status: string; version: number; operator_id: number }>(
    await t.deps.db.execute(
      sql`select id, status, version, operator_id from engagements where centre_id = ${centreId} order by id desc limit 1`,
    ),
  );
  return e;
}

/** A refusal the rules may give is fine; anything else is a bug. Returns whether the action took place. */
async function attempt(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch (e) {
    if (e instanceof AppError && e.status >= 400 && e.status < 500) {
      return false;
    }
    throw e;
  }
}

const sanctioned = (w: World, operatorId: number) => (w.status.get(operatorId) ?? 'qualified') !== 'qualified';

/**
 * Takes the centre's latest engagement through the workflow up to `target` (the materials and checklist and the
 * agreement for `signed`; the city's report and the province's filing for `filed`). Returns the engagement's operator
 * when a step took place (something was granted to it), null when nothing did.
 */
async function advance(w: World, c: TCentreDetail, target: 'signed' | 'filed'): Promise<number | null> {
  let e = await latestEngagement(c.id);
  if (!e) return null;
  let granted = false;
  if (e.status === 'tendered') {
    const ctx = county(c);
    const id = e.id;
    const version = e.version;
    const ok = await attempt(async () => {
      for (const kind of REQUIRED_MATERIALS) await uploadEngagementFile(ctx, id, kind, pdf(kind), `${kind}.pdf`);
      const ready = await updateChecklist(ctx, id, {
        version,
        entries: ELIGIBILITY_ITEMS.map((item) => ({ item, confirmed: true, evidence: '已核查。', attachmentIds: [] })),
      });
      await recordAgreement(ctx, id, {
        version: ready.version,
        signedOn: addDays(today(), -1),
        agreementNumber: `性质测试协议〔${id}〕号`,
        countyParty: `${c.countyName}商务局`,
        parkParty: `${c.parkName}管理委员会`,
        fundScope: fundScopeFor(380_000),
      });
    });
    if (!ok) return null;
    granted = true;
    e = await latestEngagement(c.id);
    if (!e) return null;
  }
  if (target === 'filed' && e.status === 'signed') {
    const id = e.id;
    const version = e.version;
    const ok = await attempt(async () => {
      const city = systemContext(t.deps, 'city', { regionCode: c.cityCode });
      const reported = await stepEngagement(city, id, 'report', { version, comment: '汇总上报。' });
      await stepEngagement(systemContext(t.deps, 'province'), id, 'file', {
        version: reported.version,
        comment: '予以备案。',
      });
    });
    granted ||= ok;
  }
  // Whatever step calls it, what it granted is checked here too.
  if (granted) expect(sanctioned(w, e.operator_id), 'the workflow advanced for a sanctioned operator').toBe(false);
  return granted ? e.operator_id : null;
}

/** Each kind of action: how it is drawn, and what it does (returning the operator it brought in, if it did). */
const STEPS = {
  award: {
    arbitrary: fc.record({ kind: fc.constant('award' as const), centre: centreIx, operator: operatorIx }),
    async run(w: World, s: Extract<Step, { kind: 'award' }>) {
      const c = w.centres[s.centre] as TCentreDetail;
      const o = w.operators[s.operator] as TOperatorDetail;
      const ok = await attempt(() => recordTender(county(c), c.id, tenderInputFor(c, o, today(), 10)));
      return ok ? o.id : null;
    },
  },
  agreement: {
    arbitrary: fc.record({ kind: fc.constant('agreement' as const), centre: centreIx }),
    run: (w: World, s: Extract<Step, { kind: 'agreement' }>) =>
      advance(w, w.centres[s.centre] as TCentreDetail, 'signed'),
  },
  contract: {
    arbitrary: fc.record({ kind: fc.constant('contract' as const), centre: centreIx }),
    async run(w: World, s: Extract<Step, { kind: 'contract' }>) {
      const c = w.centres[s.centre] as TCentreDetail;
      // The agreement first where it is missing: a contract is signed under it.
      if ((await advance(w, c, 'signed')) === null && (await latestEngagement(c.id))?.status === 'tendered')
        return null;
      const e = await latestEngagement(c.id);
      if (!e) return null;
      const ok = await attempt(() =>
        recordContract(county(c), e.id, {
          version: e.version,
          year: 1,
          contractNumber: `性质测试合同〔${e.id}〕1号`,
          signedOn: addDays(today(), -1),
          amount: 380_000,
        }),
      );
      return ok ? e.operator_id : null;
    },
  },
  file: {
    arbitrary: fc.record({ kind: fc.constant('file' as const), centre: centreIx }),
    run: (w: World, s: Extract<Step, { kind: 'file' }>) => advance(w, w.centres[s.centre] as TCentreDetail, 'filed'),
  },
  change: {
    arbitrary: fc.record({ kind: fc.constant('change' as const), centre: centreIx, operator: operatorIx }),
    async run(w: World, s: Extract<Step, { kind: 'change' }>) {
      const c = w.centres[s.centre] as TCentreDetail;
      const incoming = w.operators[s.operator] as TOperatorDetail;
      // A change applies to a filed engagement: the workflow is taken that far first where it can be.
      await advance(w, c, 'filed');
      const e = await latestEngagement(c.id);
      if (!e) return null;
      const ok = await attempt(() =>
        applyOperatorChange(county(c), e.id, {
          version: e.version,
          cause: 'operator',
          changedOn: addDays(today(), -1),
          reason: '原承办企业经营调整申请退出，县商务局同意更换。',
          incomingOperatorId: incoming.id,
          outgoingEvaluation: { result: 'satisfactory', note: '服务期内按协议提供服务，评估合格。' },
        }),
      );
      return ok ? incoming.id : null;
    },
  },
  pay: {
    arbitrary: fc.record({ kind: fc.constant('pay' as const), centre: centreIx }),
    async run(w: World, s: Extract<Step, { kind: 'pay' }>) {
      const c = w.centres[s.centre] as TCentreDetail;
      const e = await latestEngagement(c.id);
      if (!e) return null;
      const key = `${c.id}:${e.operator_id}`;
      let entitlementId = w.entitlements.get(key);
      if (entitlementId === undefined) {
        entitlementId = (
          await makeEntitlement(t.deps.db, {
            centreId: c.id,
            year: 2025,
            operatorId: e.operator_id,
            amountFen: 30_000_000,
          })
        ).id;
        w.entitlements.set(key, entitlementId);
      }
      const id = entitlementId;
      const ok = await attempt(async () => {
        const p = await recordPayment(cityOfficial(0), { entitlementId: id, amountFen: 1_000_000, paidOn: today() });
        await confirmPayment(cityOfficial(1), p.id, {
          version: p.version,
          voucherNumber: `性质测试财拨〔${p.id}〕号`,
          voucherDate: today(),
        });
      });
      return ok ? e.operator_id : null;
    },
  },
  sanction: {
    arbitrary: fc.record({
      kind: fc.constant('sanction' as const),
      operator: operatorIx,
      sanction: fc.constantFrom<TSanctionKind>('disqualification', 'blacklist'),
    }),
    async run(w: World, s: Extract<Step, { kind: 'sanction' }>) {
      const o = w.operators[s.operator] as TOperatorDetail;
      const before = w.status.get(o.id) ?? 'qualified';
      const ok = await attempt(() =>
        decideSanction(systemContext(t.deps, 'province'), {
          kind: s.sanction,
          operatorId: o.id,
          grounds: s.sanction === 'blacklist' ? ['14'] : ['13.4'],
          facts: '性质测试：经核查存在违规行为，事实清楚。',
          decidedOn: today(),
          effectiveOn: today(),
        }),
      );
      // The refusals are exactly the rule's: a blacklisted operator, or disqualifying a disqualified one.
      const refusedByRule =
        before === 'blacklisted' || (before === 'disqualified' && s.sanction === 'disqualification');
      expect(ok).toBe(!refusedByRule);
      if (ok) w.status.set(o.id, s.sanction === 'blacklist' ? 'blacklisted' : 'disqualified');
      return null;
    },
  },
} as const;

/** How often each kind is drawn: the workflow's steps more than sanctions, so that runs get far enough to file. */
const WEIGHTS: Record<keyof typeof STEPS, number> = {
  award: 3,
  agreement: 3,
  contract: 2,
  file: 2,
  change: 2,
  pay: 2,
  sanction: 1,
};
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  ...(Object.keys(STEPS) as (keyof typeof STEPS)[]).map((k) => ({
    weight: WEIGHTS[k],
    arbitrary: STEPS[k].arbitrary as fc.Arbitrary<Step>,
  })),
);

async function runStep(w: World, s: Step): Promise<number | null> {
  // The union is matched to its entry by kind; each run takes its own step.
  const entry = STEPS[s.kind] as { run(w: World, s: Step): Promise<number | null> };
  return entry.run(w, s);
}

/** How often each kind of action took place across the runs: the property says nothing if none ever did. */
const tookPlace: Record<string, number> = {};

let worldNo = 0;
async function newWorld(): Promise<World> {
  worldNo++;
  const centres: TCentreDetail[] = [];
  for (let i = 0; i < CENTRES; i++) {
    const park = await makePark(t.deps, {
      name: `性质测试${worldNo}-${i}经济开发区`,
      kind: 'economic_dev_zone',
      level: 'provincial',
      countyCode: '420502',
    });
    centres.push(await makeCentre(t.deps, { park, target: 'approved' }));
  }
  const operators: TOperatorDetail[] = [];
  for (let i = 0; i < OPERATORS; i++) operators.push(await makeOperator(t.deps, { serial: 900 + worldNo * 10 + i }));
  return { centres, operators, status: new Map(), entitlements: new Map() };
}

describe('a sanctioned operator never gets in again (property)', () => {
  it('after every step: nothing was granted to a sanctioned operator, and none of its engagements runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyStep, { minLength: 4, maxLength: 14 }), async (steps) => {
        const w = await newWorld();
        for (const s of steps) {
          const wasSanctioned = new Map(w.operators.map((o) => [o.id, sanctioned(w, o.id)]));
          const grantedTo = await runStep(w, s);
          if (grantedTo !== null) tookPlace[s.kind] = (tookPlace[s.kind] ?? 0) + 1;
          if (grantedTo !== null)
            expect(wasSanctioned.get(grantedTo), `${s.kind} granted to a sanctioned operator`).toBe(false);
          const ids = w.operators.map((o) => o.id);
          const running = rowsOf<{ operator_id: number; qualification_status: string }>(
            await t.deps.db.execute(sql`
              select e.operator_id, o.qualification_status from engagements e join operators o on o.id = e.operator_id
               where e.status <> 'ended' and o.qualification_status <> 'qualified'
                 and e.operator_id in (${sql.join(
                   ids.map((id) => sql`${id}`),
                   sql`, `,
                 )})`),
          );
          expect(running).toEqual([]);
          // Art. 14: every confirmed payment to a blacklisted operator is on the recovery list.
          const unlisted = rowsOf<{ id: number }>(
            await t.deps.db.execute(sql`
              select p.id from fund_payments p join operators o on o.id = p.operator_id
               where p.status = 'confirmed' and o.qualification_status = 'blacklisted'
                 and not exists (select 1 from fund_recoveries r where r.payment_id = p.id)`),
          );
          expect(unlisted).toEqual([]);
          for (const o of w.operators) {
            const [row] = rowsOf<{ qualification_status: string }>(
              await t.deps.db.execute(sql`select qualification_status from operators where id = ${o.id}`),
            );
            expect(row?.qualification_status).toBe(w.status.get(o.id) ?? 'qualified');
          }
        }
      }),
      { numRuns: 10, seed: 20261207 },
    );
    expect(tookPlace.award ?? 0).toBeGreaterThan(0);
    expect(tookPlace.agreement ?? 0).toBeGreaterThan(0);
    expect(tookPlace.pay ?? 0).toBeGreaterThan(0);
    console.info('actions that took place', tookPlace);
    // Every run builds its own world through the real workflow: minutes on a busy machine, not seconds.
  }, 300_000);
});
