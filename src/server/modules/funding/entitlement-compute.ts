import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TComputeEntitlementsResponse } from '../../../contracts/funding-entitlement';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { fundingEntitlements, fundPayments } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { ADVISORY_LOCK } from '../../lib/advisory-locks';
import { writeAudit } from '../../lib/audit';
import { canonicalJson } from '../../lib/canonical-json';
import { invalidField } from '../../lib/errors';
import { beijingDay } from '../../policy/policy';
import { computeEntitlement, type EntitlementLine } from '../../policy/rules/funding';
import { bumpFundingFigures } from '../figures';
import { policyForYear, readYearInputs } from './entitlement-inputs';

type Row = typeof fundingEntitlements.$inferSelect;

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** What an audit entry keeps of a row: enough to see what moved. */
const brief = (r: Pick<Row, 'centreId' | 'operatorId' | 'status' | 'amountFen' | 'withheldFen' | 'policyVersion'>) => ({
  centreId: r.centreId,
  operatorId: r.operatorId,
  status: r.status,
  amountFen: r.amountFen,
  withheldFen: r.withheldFen,
  policyVersion: r.policyVersion,
});

/**
 * Art. 11 with 12(三) and 10(六): (re)computes a year's entitlements inside the caller's transaction — one row per
 * centre and operator that served it (computeEntitlement, the pure rule) — and moves the funding figures by exactly
 * what changed (new − old due and withheld), with one audit entry listing each row before and after. Running it again
 * with the same inputs changes nothing and writes nothing (idempotent). Publication calls it for the year it
 * publishes, so a grade is money at once.
 *
 * An operator that no longer served the centre in the year (its period corrected) keeps its row at zero, status
 * ineligible, so payments against it stay attached. A recomputation that lowers an amount below what was already
 * confirmed paid against it lowers it all the same — the figure is what the rule says — and records `overpaidFen` in
 * the computation and in the answer: recovering the excess is a decision (Art. 14), not a computation (0033).
 */
export async function computeYearEntitlements(
  tx: Db,
  ctx: RequestContext,
  opts: { year: number; at: Date },
): Promise<TComputeEntitlementsResponse> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADVISORY_LOCK.fundingCompute})`);
  const policy = await policyForYear(tx, opts.year, beijingDay(opts.at));
  const inputs = await readYearInputs(tx, opts.year);
  const existing = await tx.select().from(fundingEntitlements).where(eq(fundingEntitlements.year, opts.year));
  const paidRows = existing.length
    ? await tx
        .select({ id: fundPayments.entitlementId, paid: sql<string>`sum(${fundPayments.amountFen})` })
        .from(fundPayments)
        .where(
          and(
            eq(fundPayments.status, 'confirmed'),
            inArray(
              fundPayments.entitlementId,
              existing.map((r) => r.id),
            ),
          ),
        )
        .groupBy(fundPayments.entitlementId)
    : [];
  const paidOf = new Map(paidRows.map((p) => [p.id, Number(p.paid)]));
  const key = (centreId: number, operatorId: number) => `${centreId}:${operatorId}`;
  const old = new Map(existing.map((r) => [key(r.centreId, r.operatorId), r]));

  const out: TComputeEntitlementsResponse = {
    year: opts.year,
    policyVersion: policy.version,
    centres: inputs.length,
    created: 0,
    changed: 0,
    unchanged: 0,
    overpaid: [],
    totals: { dueFen: 0, withheldFen: 0 },
  };
  const before: unknown[] = [];
  const after: unknown[] = [];
  const seen = new Set<string>();

  const write = async (
    place: { centreId: number; cityCode: string; countyCode: string },
    line: EntitlementLine,
    prior: Row | undefined,
  ) => {
    const paid = prior ? (paidOf.get(prior.id) ?? 0) : 0;
    let computation = line.computation;
    if (paid > line.amountFen) {
      const overpaidFen = paid - line.amountFen;
      computation = {
        ...computation,
        overpaidFen,
        explanation: {
          'zh-CN': `${computation.explanation['zh-CN']}；已拨付${yuan(paid)}元，超出${yuan(overpaidFen)}元，待依第十四条追回`,
          en: `${computation.explanation.en}; ${yuan(paid)} yuan already paid, ${yuan(overpaidFen)} yuan over, for recovery (Art. 14)`,
        },
      };
      if (prior) out.overpaid.push({ entitlementId: prior.id, centreId: place.centreId, overpaidFen });
    }
    out.totals.dueFen += line.amountFen;
    out.totals.withheldFen += line.withheldFen;
    const same =
      prior &&
      prior.status === line.status &&
      prior.amountFen === line.amountFen &&
      prior.withheldFen === line.withheldFen &&
      prior.policyVersion === computation.policyVersion &&
      canonicalJson(prior.computation) === canonicalJson(computation);
    if (same) {
      out.unchanged++;
      return;
    }
    const values = {
      status: line.status,
      amountFen: line.amountFen,
      withheldFen: line.withheldFen,
      policyVersion: computation.policyVersion,
      computation,
      computedAt: opts.at,
    };
    if (prior) {
      await tx
        .update(fundingEntitlements)
        .set({ ...values, version: sql`${fundingEntitlements.version} + 1` })
        .where(eq(fundingEntitlements.id, prior.id));
      before.push(brief(prior));
      out.changed++;
    } else {
      await tx.insert(fundingEntitlements).values({
        ...values,
        centreId: place.centreId,
        year: opts.year,
        operatorId: line.operatorId,
        cityCode: place.cityCode,
        countyCode: place.countyCode,
      });
      out.created++;
    }
    after.push(brief({ ...values, centreId: place.centreId, operatorId: line.operatorId }));
    await bumpFundingFigures(tx, {
      centreId: place.centreId,
      year: opts.year,
      cityCode: place.cityCode,
      countyCode: place.countyCode,
      dueFen: line.amountFen - (prior?.amountFen ?? 0),
      withheldFen: line.withheldFen - (prior?.withheldFen ?? 0),
    });
  };

  for (const input of inputs) {
    for (const line of computeEntitlement(policy, input)) {
      const k = key(input.centreId, line.operatorId);
      seen.add(k);
      await write(input, line, old.get(k));
    }
  }
  // Rows whose operator no longer served the centre in the year (or whose centre lost its filing): zero, kept.
  for (const prior of existing) {
    if (seen.has(key(prior.centreId, prior.operatorId))) continue;
    const line: EntitlementLine = {
      operatorId: prior.operatorId,
      status: 'ineligible',
      amountFen: 0,
      withheldFen: 0,
      computation: {
        ...prior.computation,
        policyVersion: policy.version,
        explanation: {
          'zh-CN': `${opts.year}年度未在该中心在岗服务，或中心未报省商务厅备案（第十一条、第十条（六）），不予支持`,
          en: `Did not serve the centre in ${opts.year}, or the centre is not filed (Art. 11, 10(六))`,
        },
        inputs: { ...prior.computation.inputs, periods: [] },
      },
    };
    await write(prior, line, prior);
  }
  if (before.length + after.length > 0) {
    await writeAudit(tx, auditContext(ctx, opts.at), {
      action: 'funding.entitlements.computed',
      objectType: 'funding_year',
      objectId: opts.year,
      before: { rows: before },
      after: { year: opts.year, policyVersion: policy.version, rows: after, overpaid: out.overpaid },
    });
  }
  return out;
}

/** POST /api/funding/entitlements/compute: the province (re)computes a year (not one still to come). */
export async function computeEntitlements(ctx: RequestContext, year: number): Promise<TComputeEntitlementsResponse> {
  requireAction(ctx.user, 'funding.compute');
  const at = ctx.deps.clock();
  const thisYear = Number(beijingDay(at).slice(0, 4));
  if (year > thisYear)
    throw invalidField('year', {
      'zh-CN': `不能计算尚未开始的年度（今年为${thisYear}年）`,
      en: `a year that has not begun cannot be computed (this year is ${thisYear})`,
    });
  return ctx.deps.db.transaction((tx) => computeYearEntitlements(tx, ctx, { year, at }));
}
