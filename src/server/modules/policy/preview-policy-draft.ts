import type { TGrade } from '../../../contracts/assessment';
import type { TVerdict } from '../../../contracts/centre';
import { ZPolicyParameters } from '../../../contracts/policy';
import type { TPolicyPreview, TPreviewEntitlementRow, TPreviewVerdictRow } from '../../../contracts/policy-draft';
import type { RequestContext } from '../../context';
import { requireAction } from '../../lib/access/require-access';
import { centreScope } from '../../lib/access/scope';
import { AppError } from '../../lib/errors';
import { type PolicyInForce, policyInForce } from '../../policy/policy';
import { computeEntitlement, type EntitlementLine } from '../../policy/rules/funding';
import { staffingVerdicts } from '../../policy/rules/staffing';
import { venueAreaVerdict } from '../../policy/rules/venue';
import { gradeOf } from '../assessment/scoring';
import { rostersOf } from '../staff';
import { todayOf } from './policy-draft.presenter';
import { findPolicyDraft } from './policy-draft.repository';
import {
  earliestFilings,
  latestResultYear,
  type PreviewCentre,
  publishedResults,
  recognisedCentres,
  servedPeriods,
} from './policy-preview.repository';

/** The draft as a version the rules can read; -id marks it as not (yet) a published version. */
function draftAsPolicy(id: number, parameters: unknown): PolicyInForce {
  return { version: -id, parameters: ZPolicyParameters.parse(parameters) };
}

function side(verdicts: TVerdict[], required: string) {
  return {
    ok: verdicts.every((v) => v.ok),
    failing: verdicts.filter((v) => !v.ok).map((v) => v.message),
    required,
  };
}

function head(c: PreviewCentre) {
  return {
    centreId: c.centreId,
    centreName: c.centreName,
    cityName: c.cityName,
    countyName: c.countyName,
    parkLevel: c.parkLevel,
  };
}

/** A verdict changes when it turns (ok ↔ failing) or when another of its rules fails; new numbers alone do not. */
const failingRules = (vs: TVerdict[]) =>
  vs
    .filter((v) => !v.ok)
    .map((v) => v.rule)
    .join();

/**
 * Art. 16: what publishing the draft would change, against today's data, side by side with the version in force —
 * read only; nothing is written and nothing is logged (a preview is not a decision).
 *
 * - Art. 6 and 7: every recognised centre's venue and staffing verdicts (with its roster).
 * - Art. 11, 12(三), 10(六): the entitlements of the latest year with published results, fed as the real
 *   computation is — park level, earliest filing, the published grade, the operators' served periods.
 * - Art. 12: the latest published totals re-graded with the draft's default thresholds against the version in force.
 */
export async function previewPolicyDraft(ctx: RequestContext, id: number): Promise<TPolicyPreview> {
  const user = requireAction(ctx.user, 'policy.draft');
  const db = ctx.deps.db;
  const draftRow = await findPolicyDraft(db, id);
  if (!draftRow) throw new AppError('NOT_FOUND', { id });
  const today = todayOf(ctx);
  const inForce = await policyInForce(db, today);
  const draft = draftAsPolicy(id, draftRow.parameters);

  const centres = await recognisedCentres(db, centreScope(user));
  const ids = centres.map((c) => c.centreId);
  const [rosters, year] = await Promise.all([rostersOf(db, ids), latestResultYear(db)]);

  const venue: TPreviewVerdictRow[] = centres.map((c) => {
    const facts = { parkLevel: c.parkLevel, parkKind: c.parkKind, area: Number(c.venueArea) };
    const a = venueAreaVerdict(facts, inForce);
    const b = venueAreaVerdict(facts, draft);
    const before = side([a], `${a.required} m²`);
    const after = side([b], `${b.required} m²`);
    return { ...head(c), actual: `${facts.area} m²`, inForce: before, draft: after, changed: a.ok !== b.ok };
  });

  const staffing: TPreviewVerdictRow[] = centres.map((c) => {
    const staff = rosters.get(c.centreId) ?? [];
    const a = staffingVerdicts(c.parkLevel, staff, inForce);
    const b = staffingVerdicts(c.parkLevel, staff, draft);
    const required = (vs: TVerdict[]) => vs.map((v) => String(v.required)).join(' / ');
    const before = side(a, required(a));
    const after = side(b, required(b));
    return {
      ...head(c),
      actual: a.map((v) => String(v.actual)).join(' / '),
      inForce: before,
      draft: after,
      changed: failingRules(a) !== failingRules(b),
    };
  });

  let entitlements: TPreviewEntitlementRow[] = [];
  let grades: TPolicyPreview['grades'] = [];
  if (year !== null) {
    const [results, filings, periods] = await Promise.all([
      publishedResults(db, year, ids),
      earliestFilings(db, ids),
      servedPeriods(db, year, ids),
    ]);
    const resultOf = new Map(results.map((r) => [r.centreId, r]));
    entitlements = centres.flatMap((c) => {
      const served = periods.filter((p) => p.centreId === c.centreId);
      if (served.length === 0) return [];
      const input = {
        year,
        parkLevel: c.parkLevel,
        filedOn: filings.get(c.centreId) ?? null,
        grade: (resultOf.get(c.centreId)?.grade ?? null) as TGrade | null,
        periods: served.map((p) => ({ operatorId: p.operatorId, from: p.from, to: p.to })),
      };
      const a = computeEntitlement(inForce, input);
      const b = computeEntitlement(draft, input);
      return a.map((line, i) => {
        const other = b[i] as EntitlementLine;
        const pick = (l: EntitlementLine) => ({ status: l.status, amountFen: l.amountFen, withheldFen: l.withheldFen });
        const operatorName = served.find((p) => p.operatorId === line.operatorId)?.operatorName ?? '';
        return {
          ...head(c),
          operatorId: line.operatorId,
          operatorName,
          grade: input.grade,
          inForce: pick(line),
          draft: pick(other),
          changed:
            line.status !== other.status ||
            line.amountFen !== other.amountFen ||
            line.withheldFen !== other.withheldFen,
        };
      });
    });
    grades = centres.flatMap((c) => {
      const r = resultOf.get(c.centreId);
      if (!r) return [];
      const total = Number(r.total);
      const before = gradeOf(total, inForce.parameters.gradeThresholds);
      const after = gradeOf(total, draft.parameters.gradeThresholds);
      return [
        {
          ...head(c),
          total: r.total,
          publishedGrade: r.grade,
          inForce: before,
          draft: after,
          changed: before !== after,
        },
      ];
    });
  }

  const changed = (rows: { changed: boolean }[]) => rows.filter((r) => r.changed).length;
  return {
    draftId: id,
    today,
    inForceVersion: inForce.version,
    venue,
    staffing,
    entitlementYear: year,
    entitlements,
    gradeYear: year,
    grades,
    counts: {
      centres: centres.length,
      venueChanged: changed(venue),
      staffingChanged: changed(staffing),
      entitlementsChanged: changed(entitlements),
      gradesChanged: changed(grades),
    },
  };
}
