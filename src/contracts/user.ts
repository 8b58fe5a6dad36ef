import { z } from 'zod';
import { ZRole } from './access';
import { ZNewPassword } from './auth';
import { ZId, ZPageQuery } from './common';

export const ZUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  parkId: z.number().int().nullable(),
  parkName: z.string().nullable(),
  centreId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
  evaluatorId: z.number().int().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const USER_SORTS = ['username', '-username', 'role', '-role', 'createdAt', '-createdAt'] as const;
export const ZUserListQuery = ZPageQuery.extend({
  role: ZRole.optional(),
  q: z.string().trim().max(64).optional(),
  disabled: z.enum(['true', 'false']).optional(),
  sort: z.enum(USER_SORTS).default('username'),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZCreateUserRequest = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(64)
    .regex(/^[a-zA-Z0-9._-]+$/),
  displayName: z.string().trim().min(1).max(64),
  role: ZRole,
  password: ZNewPassword,
  /** Required for city (a city code) and county (a county code). */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Required for park. */
  parkId: ZId.optional(),
  centreId: ZId.optional(),
  enterpriseId: ZId.optional(),
  evaluatorId: ZId.optional(),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  disabled: z.boolean().optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZResetPasswordRequest = z.object({ newPassword: ZNewPassword });
