import { z } from 'zod';
import { ZVerdict } from './centre';
import { ZDay, ZPageQuery, ZVersion } from './common';

/** Art. 10(一)2: the operating capabilities an operator enterprise must have. */
export const OPERATOR_CAPABILITIES = [
  'integrated_service',
  'supply_chain_finance',
  'freight_forwarding',
  'logistics',
] as const;
export const ZOperatorCapability = z.enum(OPERATOR_CAPABILITIES);

/** SPEC §2: qualified / disqualified (Art. 13) / blacklisted (Art. 14). */
export const ZQualificationStatus = z.enum(['qualified', 'disqualified', 'blacklisted']);

export const ZCreateOperatorRequest = z.object({
  name: z.string().trim().min(4).max(100),
  /** 统一社会信用代码, checked against its GB 32100 check character on the server. */
  creditCode: z.string().trim().min(1).max(30),
  legalRepName: z.string().trim().min(2).max(50),
  /** 居民身份证号码 (GB 11643); stored encrypted, shown masked. */
  legalRepIdNumber: z.string().trim().min(1).max(30),
  /** 对外贸易经营者备案登记 (or the customs registration) number. */
  tradeRegistration: z.string().trim().min(4).max(50),
  capabilities: z.array(ZOperatorCapability).min(1).max(4),
  premises: z.string().trim().min(4).max(200),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/),
});
export type TCreateOperatorRequest = z.infer<typeof ZCreateOperatorRequest>;

export const ZUpdateOperatorRequest = ZCreateOperatorRequest.omit({ creditCode: true }).partial().extend({
  version: ZVersion,
});
export type TUpdateOperatorRequest = z.infer<typeof ZUpdateOperatorRequest>;

export const ZOperator = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  legalRepName: z.string(),
  /** 420102********123X — the full number needs the operator.viewIdentity permission and is audited. */
  legalRepIdMasked: z.string(),
  tradeRegistration: z.string(),
  capabilities: z.array(ZOperatorCapability),
  premises: z.string(),
  contactPhone: z.string(),
  qualificationStatus: ZQualificationStatus,
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TOperator = z.infer<typeof ZOperator>;

export const ZViolation = z.object({
  id: z.number().int(),
  occurredOn: z.string(),
  description: z.string(),
  source: z.string(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});
export type TViolation = z.infer<typeof ZViolation>;

/** What an official may do to one operator (decision 0009): the role's permission within the operator's regions. */
export const OPERATOR_ACTIONS = ['update', 'viewIdentity', 'recordViolation'] as const;
export type TOperatorAction = (typeof OPERATOR_ACTIONS)[number];

export const ZOperatorDetail = ZOperator.extend({
  /** Where it was registered (the registering official's region; 湖北省 when the province registered it). */
  registeredRegionCode: z.string(),
  registeredRegionName: z.string().nullable(),
  /** The actions the caller may take on it now; the server checks each again. */
  allowedActions: z.array(z.enum(OPERATOR_ACTIONS)),
  violations: z.array(ZViolation),
  /** Art. 10(一): may this enterprise apply for or win a tender today? */
  eligibility: z.array(ZVerdict),
  eligible: z.boolean(),
  /** The centres it runs or ran (Art. 10): filings are public; engagements still in progress only within scope. */
  engagements: z.array(
    z.object({
      id: z.number().int(),
      centreId: z.number().int(),
      centreName: z.string(),
      cityName: z.string(),
      status: z.enum(['tendered', 'signed', 'reported', 'filed', 'ended']),
      serviceStart: z.string(),
      serviceEnd: z.string(),
      filingNumber: z.string().nullable(),
      endedOn: z.string().nullable(),
    }),
  ),
});
export type TOperatorDetail = z.infer<typeof ZOperatorDetail>;

export const ZOperatorListQuery = ZPageQuery.extend({
  q: z.string().trim().max(50).optional(),
  qualificationStatus: ZQualificationStatus.optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
});
export type TOperatorListQuery = z.infer<typeof ZOperatorListQuery>;

export const ZRecordViolationRequest = z.object({
  occurredOn: ZDay,
  description: z.string().trim().min(4).max(2000),
  /** Who found it: the authority or the document (行政处罚决定书文号 …). */
  source: z.string().trim().min(2).max(200),
});
export type TRecordViolationRequest = z.infer<typeof ZRecordViolationRequest>;

export const ZIdentityResponse = z.object({ legalRepIdNumber: z.string() });
