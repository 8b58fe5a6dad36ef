import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * 操作日志 (SPEC §2): append-only (a trigger refuses DELETE and every UPDATE but the one that gives a pending entry its
 * place, see the custom migrations) and chained: hash = HMAC-SM3(key, prev_hash ‖ canonical entry with seq).
 * An entry is inserted pending (seq, prev_hash and hash null; content_hash set) in the transaction of its change; the
 * sequencer gives it its place after the commit (docs/decisions/0021). seq is unique, so two sequencers can never
 * fork the chain. Entries written before the sequencer are sequenced with content_hash null (their chain hash covers
 * the same fields).
 */
export const auditEntries = pgTable(
  'audit_entries',
  {
    /** Insertion order: the order the log lists entries in; gaps are rolled-back writes, not deletions. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** The entry's place in the chain; null while pending (written, not yet sequenced). */
    seq: bigint('seq', { mode: 'number' }).unique(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: bigint('actor_id', { mode: 'number' }),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    actorRegion: text('actor_region'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').unique(),
    hash: text('hash').unique(),
    /** HMAC-SM3 over the entry's fields without seq or link, set when written: checks a pending entry. */
    contentHash: text('content_hash'),
  },
  (t) => [
    index('audit_object_idx').on(t.objectType, t.objectId),
    index('audit_at_idx').on(t.at),
    // The sequencer's queue: pending entries in insertion order.
    index('audit_pending_idx').on(t.id).where(sql`${t.seq} is null`),
    // Sign-ins by account and by address, for the assessment's self-rating signal (issue 14): which addresses a
    // centre's accounts signed in from, and how many accounts share an address. Only sign-in entries are indexed, so
    // the indexes stay small (14 MB beside the log's 333 MB below). Measured on PostgreSQL 15 with 3.2 M log entries (200 k sign-ins): the
    // signal's sign-in query took 13.4 s reading the year through audit_at_idx, 49 ms with these.
    index('audit_sign_in_actor_idx').on(t.actorId, t.at).where(sql`${t.action} = 'auth.login.succeeded'`),
    index('audit_sign_in_ip_idx').on(t.ip, t.at).where(sql`${t.action} = 'auth.login.succeeded'`),
  ],
);

/** The single row that holds the chain's head; only the sequencer (and the purge) lock it, for one short batch. */
export const auditHead = pgTable('audit_head', {
  id: smallint('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** Entries up to this id were written before content hashes existed (migration adding them); later ones need one. */
  legacyThroughId: bigint('legacy_through_id', { mode: 'number' }).notNull().default(0),
});
