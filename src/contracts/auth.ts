import { z } from 'zod';
import { ZAction, ZRole } from './access';
import { ZLocale } from './common';

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZScope = z.object({
  /** Which data the user may see: the whole province, one city, one county, one park … (SPEC §1). */
  kind: z.enum(['all', 'province', 'city', 'county', 'park', 'operator', 'enterprise', 'evaluator', 'none']),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  parkId: z.number().int().nullable(),
  parkName: z.string().nullable(),
  centreId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  evaluatorId: z.number().int().nullable(),
});
export type TScope = z.infer<typeof ZScope>;

export const ZMeResponse = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: ZRole,
    locale: ZLocale,
    isDemo: z.boolean(),
  }),
  scope: ZScope,
  permissions: z.array(ZAction),
});
export type TMeResponse = z.infer<typeof ZMeResponse>;

/** 等保 2.0 password rule: at least 8 characters using 3 of 4 classes (lower, upper, digit, symbol). */
export const PASSWORD_MIN_LENGTH = 8;
export function passwordClassCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}
export const ZNewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'PASSWORD_TOO_SHORT' })
  .max(256)
  .refine((p) => passwordClassCount(p) >= 3, { message: 'PASSWORD_TOO_WEAK' });

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZNewPassword,
});
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZLocaleRequest = z.object({ locale: ZLocale });
