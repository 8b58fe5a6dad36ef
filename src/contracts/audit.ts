import { z } from 'zod';
import { ZRole } from './access';
import { ZDay, ZIdText, ZPageQuery } from './common';

export const ZAuditEntry = z.object({
  /** Insertion order: the order the log is listed in. */
  id: z.number().int(),
  /** The entry's place in the chain; null for the moment between its commit and the sequencer's run (decision 0021). */
  seq: z.number().int().nullable(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  /** The account name recorded in the chain. */
  actorName: z.string().nullable(),
  /** The actor's display name, when the reader may read user accounts; else null (the account name stands). */
  actorDisplayName: z.string().nullable(),
  actorRole: ZRole.nullable(),
  actorRegion: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  /**
   * The name people know the object by (the centre's name, the record's number …), resolved for the reader: null when
   * the reader may not read that object or its kind has no name, and the page shows the type and id only.
   */
  objectLabel: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  /** Null while the entry waits for its place in the chain. */
  hash: z.string().nullable(),
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

/**
 * How the chain compares with the newest checkpoint kept outside the database (audit-anchors.jsonl): `none` no
 * checkpoint yet; `held` the chain still holds the checkpoint's entry with its hash; `purged` that entry was since
 * removed by a recorded retention purge; `broken` the newest entries were deleted or rewritten (see firstBroken).
 */
export const ZAuditAnchorCheck = z.object({
  state: z.enum(['none', 'held', 'purged', 'broken']),
  seq: z.number().int().nullable(),
  at: z.string().nullable(),
  instance: z.string().nullable(),
  /** Checkpoints whose signature holds. */
  valid: z.number().int(),
  /** Line numbers of checkpoints whose signature does not hold: the file was altered. */
  invalidLines: z.array(z.number().int()),
});
export type TAuditAnchorCheck = z.infer<typeof ZAuditAnchorCheck>;

export const ZAuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstSeq: z.number().int().nullable(),
  lastSeq: z.number().int().nullable(),
  firstBroken: z
    .object({
      /** Null for an entry still waiting for its place; `id` names it then. */
      seq: z.number().int().nullable(),
      id: z.number().int().optional(),
      reason: z.enum([
        'hash_mismatch',
        'prev_hash_mismatch',
        'sequence_gap',
        // The chain ends before the newest checkpoint: its newest entries were deleted and the head moved back.
        'tail_truncated',
        // The entry at the checkpoint's seq is not the one checkpointed: the tail was deleted and written anew.
        'tail_rewritten',
        // An entry still waiting for its place does not match the content hash it was written with (altered).
        'content_mismatch',
        // An entry waited for its place longer than the bound: no sequencer is running (decision 0021).
        'pending_stale',
      ]),
    })
    .nullable(),
  /** Entries written and not yet given their place: how many, how many too old, how many altered. */
  pending: z.object({ count: z.number().int(), stale: z.number().int(), altered: z.number().int() }).optional(),
  /** Absent when verification was run without the checkpoint file (e.g. on a restored copy of the database). */
  anchor: ZAuditAnchorCheck.optional(),
});
export type TAuditVerifyResponse = z.infer<typeof ZAuditVerifyResponse>;
