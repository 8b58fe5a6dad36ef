import { z } from 'zod';
import { ZGrade } from './assessment';
import { ZAttachment } from './attachment';
import { ZCalendarUse } from './calendar';
import { ZId, ZIdText, ZPageQuery, ZVersion, zCount } from './common';
import { ZParkKind, ZParkLevel } from './park';
import { ZServiceCategory } from './service-category';

/**
 * Lifecycle of a centre (SPEC §3.1, Art. 9): the county drafts and submits, the city forwards or returns, the
 * province approves or rejects. A recognised centre is approved, operating (once an operator's agreement is filed,
 * issue 5) or adjusted; revocation ends it.
 */
export const CENTRE_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'forwarded',
  'rejected',
  'approved',
  'operating',
  'adjusted',
  'revoked',
] as const;
export const ZCentreStatus = z.enum(CENTRE_STATUSES);
export type TCentreStatus = z.infer<typeof ZCentreStatus>;

/** The statuses in which the province has recognised the centre (it shows on the public list). */
export const RECOGNISED_STATUSES: readonly TCentreStatus[] = ['approved', 'operating', 'adjusted'];

/**
 * Whether a centre serves — takes service requests and walk-ins, counts among the running centres — asked in this one
 * place by the server and the web. Art. 10(三): a centre runs once the province files its operator's agreement
 * (approved → operating). An approved adjustment (Art. 9(四)) changes a recognised centre's venue or particulars, not
 * whether it runs: the status reads `adjusted` either way, so `hasOperated` (it once started operating) tells an
 * adjusted centre that keeps serving from one adjusted before its operator was filed. Revoked never serves.
 */
export function centreIsServing(c: { status: TCentreStatus; hasOperated: boolean }): boolean {
  return c.status === 'operating' || (c.status === 'adjusted' && c.hasOperated);
}

/** The statuses in which a centre may serve (centreIsServing decides, with its history). */
export const SERVING_STATUSES: readonly TCentreStatus[] = ['operating', 'adjusted'];

/** Art. 6: how the county provides the venue. */
export const VENUE_PROVISIONS = ['integration', 'new_build', 'replacement', 'lease'] as const;
export const ZVenueProvision = z.enum(VENUE_PROVISIONS);

/** A rule's verdict as the API shows it (CONVENTIONS §10): which article, which numbers, which parameter version. */
export const ZVerdict = z.object({
  ok: z.boolean(),
  article: z.string(),
  rule: z.string(),
  required: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  actual: z.union([z.number(), z.string(), z.boolean()]).nullable(),
  policyVersion: z.number().int(),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
  /** A deadline counted in working days: which calendar each year of the count came from (issue 10). */
  calendars: z.array(ZCalendarUse).optional(),
  /** Art. 15: the city's implementing rule that set the required number ("按宜昌市实施细则：…"), when one did. */
  cityRule: z
    .object({
      id: z.number().int(),
      cityName: z.string(),
      title: z.string(),
      documentNumber: z.string(),
      note: z.object({ 'zh-CN': z.string(), en: z.string() }),
    })
    .optional(),
});
export type TVerdict = z.infer<typeof ZVerdict>;

export const ZCentreInput = z.object({
  parkId: ZId,
  name: z.string().trim().min(4).max(100),
  venueAddress: z.string().trim().min(4).max(200),
  /** m², Art. 6 */
  venueArea: z.number().positive().max(100_000),
  venueProvision: ZVenueProvision,
  /** Art. 6: the county provides the venue free of charge. */
  venueFree: z.boolean(),
  reasons: z.string().trim().min(10).max(4000),
  services: z.array(ZServiceCategory).min(1).max(22),
  contactPerson: z.string().trim().min(2).max(50),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/),
  /** Art. 9(二): needed only for a second centre in a national-level 经开区/高新区. */
  tradingEnterpriseCount: zCount(1_000_000).nullable().optional(),
  /** Art. 9(二): the fiscal, venue and equipment support for a second centre. */
  supportStatement: z.string().trim().max(4000).nullable().optional(),
});
export type TCentreInput = z.infer<typeof ZCentreInput>;

export const ZUpdateCentreDraftRequest = ZCentreInput.omit({ parkId: true }).partial().extend({
  version: ZVersion,
});
export type TUpdateCentreDraftRequest = z.infer<typeof ZUpdateCentreDraftRequest>;

export const ZCentre = z.object({
  id: z.number().int(),
  name: z.string(),
  status: ZCentreStatus,
  parkId: z.number().int(),
  parkName: z.string(),
  parkLevel: ZParkLevel,
  parkKind: ZParkKind,
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  venueAddress: z.string(),
  venueArea: z.number(),
  venueProvision: ZVenueProvision,
  venueFree: z.boolean(),
  reasons: z.string(),
  services: z.array(ZServiceCategory),
  contactPerson: z.string(),
  contactPhone: z.string(),
  tradingEnterpriseCount: z.number().int().nullable(),
  supportStatement: z.string().nullable(),
  /** Art. 6 venue verdict under the parameter version in force today. */
  venueVerdict: ZVerdict,
  /** Art. 7: the roster size, and whether it meets all four minimums for the park's level (details on the roster). */
  staffCount: z.number().int(),
  staffCompliant: z.boolean(),
  /** The operator whose agreement the province filed (Art. 10(三)); null before filing or after a change. */
  operatorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  recognisedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCentre = z.infer<typeof ZCentre>;

export const CENTRE_SORTS = ['city', '-city', 'name', '-name', 'status', '-status', 'updatedAt', '-updatedAt'] as const;
export const ZCentreListQuery = ZPageQuery.extend({
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  parkId: ZIdText.optional(),
  status: z
    .union([ZCentreStatus, z.array(ZCentreStatus).max(CENTRE_STATUSES.length)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  parkLevel: ZParkLevel.optional(),
  /** Only what waits for the caller's step (county: drafts and returned; city: submitted; province: forwarded). */
  awaitingMe: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  sort: z.enum(CENTRE_SORTS).default('city'),
});
export type TCentreListQuery = z.infer<typeof ZCentreListQuery>;

/** Every workflow step carries the version the officer saw: of two acting at once, one wins, the other gets 409. */
export const ZTransitionRequest = z.object({
  version: ZVersion,
  comment: z.string().trim().max(2000).optional(),
  /** Files uploaded to the centre beforehand (POST /api/centres/:id/attachments) to go with this step. */
  attachmentIds: z.array(ZId).max(20).optional(),
});
export const ZReasonedTransitionRequest = ZTransitionRequest.extend({
  comment: z.string().trim().min(2).max(2000),
});
export type TTransitionRequest = z.infer<typeof ZTransitionRequest>;

export const CENTRE_EVENT_ACTIONS = [
  'create',
  'update',
  'submit',
  'forward',
  'return',
  'approve',
  'reject',
  'start_operating',
  'adjust',
  'revoke',
  'change_requested',
  'change_rejected',
] as const;
export const ZCentreEvent = z.object({
  id: z.number().int(),
  action: z.enum(CENTRE_EVENT_ACTIONS),
  fromStatus: ZCentreStatus.nullable(),
  toStatus: ZCentreStatus,
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});
export type TCentreEvent = z.infer<typeof ZCentreEvent>;

/** Adjustment (调整) or revocation (撤销) of a recognised centre (Art. 9(四)). */
export const CHANGE_KINDS = ['adjustment', 'revocation'] as const;
export const ZChangeKind = z.enum(CHANGE_KINDS);
export const ZCentreAdjustment = z
  .object({
    name: z.string().trim().min(4).max(100),
    venueAddress: z.string().trim().min(4).max(200),
    venueArea: z.number().positive().max(100_000),
    venueProvision: ZVenueProvision,
    services: z.array(ZServiceCategory).min(1).max(22),
    contactPerson: z.string().trim().min(2).max(50),
    contactPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{7,20}$/),
  })
  .partial();
export type TCentreAdjustment = z.infer<typeof ZCentreAdjustment>;

export const ZCreateChangeRequest = z.object({
  kind: ZChangeKind,
  reason: z.string().trim().min(4).max(4000),
  /** For an adjustment: the fields to change. */
  adjustment: ZCentreAdjustment.optional(),
  /** The centre version the requester saw. */
  version: ZVersion,
});
export type TCreateChangeRequest = z.infer<typeof ZCreateChangeRequest>;

export const ZCentreChange = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  kind: ZChangeKind,
  origin: z.enum(['city', 'province']),
  status: z.enum(['submitted', 'approved', 'rejected']),
  reason: z.string(),
  adjustment: ZCentreAdjustment.nullable(),
  decisionComment: z.string().nullable(),
  decisionLetterId: z.number().int().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TCentreChange = z.infer<typeof ZCentreChange>;

export const ZDecideChangeRequest = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().min(2).max(2000),
});

export const ZDecisionLetter = z.object({
  id: z.number().int(),
  number: z.string(),
  kind: z.enum(['approval', 'adjustment', 'revocation']),
  centreId: z.number().int(),
  centreName: z.string(),
  issuedOn: z.string(),
  reason: z.string(),
  legalBasis: z.string(),
  issuedBy: z.string(),
});
export type TDecisionLetter = z.infer<typeof ZDecisionLetter>;

export const ZCentreDetail = ZCentre.extend({
  events: z.array(ZCentreEvent),
  attachments: z.array(ZAttachment),
  changes: z.array(ZCentreChange),
  letters: z.array(ZDecisionLetter),
  /** Art. 9(二) verdict: may this park have (another) centre? */
  placementVerdict: ZVerdict,
  /** The workflow steps the caller may take now (the server checks again). */
  allowedActions: z.array(z.string()),
});
export type TCentreDetail = z.infer<typeof ZCentreDetail>;

/** What the province publishes (SPEC §8 GET /api/public/centres): recognised centres only. */
export const ZPublicCentre = z.object({
  id: z.number().int(),
  name: z.string(),
  status: ZCentreStatus,
  parkName: z.string(),
  parkLevel: ZParkLevel,
  cityName: z.string(),
  countyName: z.string(),
  address: z.string(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  services: z.array(ZServiceCategory),
  recognisedAt: z.string().nullable(),
  /** The operator whose agreement the province filed (Art. 10(三)), once there is one. */
  operatorName: z.string().nullable(),
  /** It takes service requests now (centreIsServing). */
  serving: z.boolean(),
  /** Art. 12(三): the latest published grade and its year — the grade alone, never the total or the scores. */
  grade: z.object({ year: z.number().int(), grade: ZGrade }).nullable(),
  isDemo: z.boolean(),
});
export type TPublicCentre = z.infer<typeof ZPublicCentre>;
export const ZPublicCentreQuery = ZPageQuery.extend({
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  service: ZServiceCategory.optional(),
  q: z.string().trim().max(50).optional(),
});

export const ZCentreStats = z.object({
  byCity: z.array(
    z.object({
      cityCode: z.string(),
      cityName: z.string(),
      recognised: z.number().int(),
      inApplication: z.number().int(),
      revoked: z.number().int(),
    }),
  ),
  byStatus: z.record(z.string(), z.number().int()),
  venueNonCompliant: z.number().int(),
  /** Recognised centres whose roster misses an Art. 7 minimum. */
  staffNonCompliant: z.number().int(),
});
export type TCentreStats = z.infer<typeof ZCentreStats>;
