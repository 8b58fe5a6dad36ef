import { z } from 'zod';
import { ZRole } from './access';
import { ZDay, ZIdText, ZPageQuery } from './common';

export const ZAuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  actorRole: ZRole.nullable(),
  actorRegion: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditListQuery = ZPageQuery.extend({
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  actorId: ZIdText.optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  sort: z.enum(['seq', '-seq']).default('-seq'),
});
export type TAuditListQuery = z.infer<typeof ZAuditListQuery>;

export const ZAuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap']),
    })
    .nullable(),
});
export type TAuditVerifyResponse = z.infer<typeof ZAuditVerifyResponse>;
