import { z } from 'zod';
import { ZNewPassword } from './auth';
import { ZDay, ZId, ZIdText, ZPage, ZVersion, zPageSize } from './common';

export const ZEnterpriseStatus = z.enum(['pending', 'approved', 'rejected']);
export type TEnterpriseStatus = z.infer<typeof ZEnterpriseStatus>;
export const ZEnterpriseSource = z.enum(['self', 'import', 'centre']);

const zPhone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{7,20}$/);
const zCounty = z.string().regex(/^\d{6}$/);

/** What an enterprise states about itself (registration, import, a centre's walk-in entry). */
export const ZEnterpriseParticulars = z.object({
  /** 统一社会信用代码, checked against its GB 32100 check characters on the server. */
  creditCode: z.string().trim().min(1).max(30),
  name: z.string().trim().min(4).max(100),
  countyCode: zCounty,
  parkId: ZId.nullable().optional(),
  address: z.string().trim().max(200).nullable().optional(),
  contactPerson: z.string().trim().min(2).max(50),
  contactPhone: zPhone,
  contactEmail: z.string().trim().email().max(100).nullable().optional(),
  /** 有进出口实绩 */
  hasTradeRecord: z.boolean().default(false),
  /** Date of the first import/export (新开口企业), not in the future. */
  firstTradeOn: ZDay.nullable().optional(),
});
export type TEnterpriseParticulars = z.infer<typeof ZEnterpriseParticulars>;

/** Public self-registration (no sign-in): the account enterprise.<credit code> opens once approved. */
export const ZEnterpriseRegistrationRequest = ZEnterpriseParticulars.extend({ password: ZNewPassword });
export type TEnterpriseRegistrationRequest = z.infer<typeof ZEnterpriseRegistrationRequest>;

export const ZEnterpriseRegistrationResult = z.object({
  id: z.number().int(),
  status: ZEnterpriseStatus,
  /** The sign-in name the account will have once approved. */
  username: z.string(),
});

export const ZEnterprise = z.object({
  id: z.number().int(),
  creditCode: z.string(),
  name: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  parkId: z.number().int().nullable(),
  parkName: z.string().nullable(),
  address: z.string().nullable(),
  contactPerson: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string().nullable(),
  hasTradeRecord: z.boolean(),
  firstTradeOn: z.string().nullable(),
  status: ZEnterpriseStatus,
  source: ZEnterpriseSource,
  /** An enterprise account exists (enterprise.<credit code>). */
  hasAccount: z.boolean(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TEnterprise = z.infer<typeof ZEnterprise>;

export const ZEnterpriseListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
  format: z.enum(['json', 'xlsx']).default('json'),
  status: ZEnterpriseStatus.optional(),
  cityCode: zCounty.optional(),
  countyCode: zCounty.optional(),
  parkId: ZIdText.optional(),
  /** Name or credit code, partial. */
  q: z.string().trim().max(100).optional(),
});
export type TEnterpriseListQuery = z.infer<typeof ZEnterpriseListQuery>;

export const ZReviewEnterpriseRequest = z.object({
  decision: z.enum(['approve', 'reject']),
  /** Required when rejecting: the enterprise is told why. */
  comment: z.string().trim().max(500).optional(),
  version: ZVersion,
});
export type TReviewEnterpriseRequest = z.infer<typeof ZReviewEnterpriseRequest>;

/** The enterprise's own particulars, as it may correct them (signed in). */
export const ZUpdateEnterpriseRequest = ZEnterpriseParticulars.omit({ creditCode: true, countyCode: true })
  .partial()
  // No default here: a correction that leaves 有进出口实绩 out keeps it as it is (the registration's default of
  // `false` would otherwise clear it, and the first trade date with it).
  .extend({ hasTradeRecord: z.boolean().optional(), version: ZVersion });
export type TUpdateEnterpriseRequest = z.infer<typeof ZUpdateEnterpriseRequest>;

/** Columns of the enterprise import file, in order (.xlsx or .csv, first sheet, header row first). */
export const ENTERPRISE_IMPORT_HEADERS = [
  '统一社会信用代码',
  '企业名称',
  '县（市、区）代码',
  '开发区（园区）',
  '联系人',
  '联系电话',
  '电子邮箱',
  '有进出口实绩',
  '首次进出口日期',
] as const;
export const ENTERPRISE_IMPORT_MAX_ROWS = 20_000;

export const ZEnterpriseImportResult = z.object({ imported: z.number().int() });

/** A background import (large files): poll GET /api/import-jobs/:id until status is not `running`. */
export const ZImportJob = z.object({
  id: z.number().int(),
  kind: z.enum(['enterprises']),
  fileName: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  phase: z.enum(['checking', 'writing', 'done']),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportJob = z.infer<typeof ZImportJob>;
