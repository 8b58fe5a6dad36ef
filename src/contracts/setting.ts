import { z } from 'zod';

/** 网络安全法 Art. 21: logs kept no less than six months, so retention may not go below 185 days. */
export const AUDIT_RETENTION_MIN_DAYS = 185;
export const ZSettings = z.object({
  auditRetentionDays: z.number().int().min(AUDIT_RETENTION_MIN_DAYS).max(3650),
});
export type TSettings = z.infer<typeof ZSettings>;
export const ZUpdateSettingsRequest = ZSettings.partial();
