import { z } from 'zod';

/** SPEC §1 roles. */
export const ROLES = ['admin', 'province', 'city', 'county', 'park', 'operator', 'enterprise', 'evaluator'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/**
 * Actions a route can declare. The matrix of which role may do which action lives on the server
 * (src/server/lib/access/permissions.ts); the web only reads the resulting list from /api/me to hide buttons.
 */
export const ACTIONS = [
  'me.read',
  'me.changePassword',
  'me.update',
  'region.read',
  'park.read',
  'park.create',
  'park.update',
  'dashboard.read',
  'dashboard.overview',
  'user.read',
  'user.create',
  'user.update',
  'user.unlock',
  'user.resetPassword',
  'audit.read',
  'audit.verify',
  'policy.read',
  'setting.read',
  'setting.update',
  'backup.read',
  'backup.run',
  'calendar.read',
  'calendar.manage',
  'centre.read',
  'centre.create',
  'centre.update',
  'centre.submit',
  'centre.forward',
  'centre.return',
  'centre.approve',
  'centre.reject',
  'centre.requestChange',
  'centre.decideChange',
  'decision.read',
  'operator.read',
  'operator.create',
  'operator.update',
  'operator.viewIdentity',
  'operator.recordViolation',
  'staff.manage',
  'centre.attach',
  'engagement.read',
  'engagement.manage',
  'engagement.report',
  'engagement.return',
  'engagement.file',
  'enterprise.read',
  'enterprise.review',
  'enterprise.import',
  'enterprise.updateSelf',
  'service.read',
  'service.request',
  'service.record',
  'service.handle',
  'service.cancel',
  'service.attach',
  'service.rate',
  'serviceStats.read',
  'rectification.read',
  'rectification.answer',
  'rectification.followUp',
  'activity.read',
  'activity.manage',
  'message.read',
] as const;
export const ZAction = z.enum(ACTIONS);
export type TAction = z.infer<typeof ZAction>;
