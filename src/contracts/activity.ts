import { z } from 'zod';
import { ZStoredFile } from './attachment';
import { ZDay, ZId, ZIdText, ZPage, ZVersion, zPageSize } from './common';

/** Art. 5(十)(十二)(十四)(十五), Art. 12(一): trainings, policy promotion, market expansion, exhibitions. */
export const ACTIVITY_KINDS = ['training', 'policy_promotion', 'market_expansion', 'exhibition'] as const;
export const ZActivityKind = z.enum(ACTIVITY_KINDS);
export type TActivityKind = z.infer<typeof ZActivityKind>;

/** The sub-kinds each kind allows (SPEC §2); policy promotion has none. */
export const ACTIVITY_SUB_KINDS: Record<TActivityKind, readonly string[]> = {
  training: ['large_training', 'salon', 'lecture'], // 大型培训 / 业务沙龙 / 专题讲座
  policy_promotion: [],
  market_expansion: ['overseas_market', 'inspection'], // 海外市场拓展 / 考察
  exhibition: ['canton_fair', 'ecsf', 'overseas', 'online'], // 广交会 / 华交会 / 境外展 / 线上展
};

export const ZActivityInput = z
  .object({
    kind: ZActivityKind,
    subKind: z.string().max(50).nullable().optional(),
    title: z.string().trim().min(2).max(200),
    startOn: ZDay,
    endOn: ZDay,
    place: z.string().trim().min(2).max(200),
    participantCount: z.number().int().min(0).max(100_000),
    description: z.string().trim().max(4000).nullable().optional(),
    /** Participating enterprises (ids of enterprises in the centre's reach). */
    enterpriseIds: z.array(ZId).max(2000).default([]),
  })
  .refine((a) => a.endOn >= a.startOn, { message: 'END_BEFORE_START', path: ['endOn'] })
  .refine(
    (a) =>
      ACTIVITY_SUB_KINDS[a.kind].length === 0 ? !a.subKind : ACTIVITY_SUB_KINDS[a.kind].includes(a.subKind ?? ''),
    {
      message: 'SUB_KIND_NOT_OF_KIND',
      path: ['subKind'],
    },
  );
export type TActivityInput = z.infer<typeof ZActivityInput>;

export const ZCreateActivityRequest = ZActivityInput;
export const ZUpdateActivityRequest = z.object({ version: ZVersion, activity: ZActivityInput });
export type TUpdateActivityRequest = z.infer<typeof ZUpdateActivityRequest>;

export const ZActivity = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  cityName: z.string(),
  countyName: z.string(),
  kind: ZActivityKind,
  subKind: z.string().nullable(),
  title: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  place: z.string(),
  participantCount: z.number().int(),
  enterpriseCount: z.number().int(),
  description: z.string().nullable(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TActivity = z.infer<typeof ZActivity>;

export const ZActivityDetail = ZActivity.extend({
  enterprises: z.array(z.object({ id: z.number().int(), name: z.string(), creditCode: z.string() })),
  attachments: z.array(ZStoredFile),
});
export type TActivityDetail = z.infer<typeof ZActivityDetail>;

export const ZActivityListQuery = z.object({
  page: ZPage,
  pageSize: zPageSize(20),
  format: z.enum(['json', 'xlsx']).default('json'),
  centreId: ZIdText.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  kind: ZActivityKind.optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
});
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;
