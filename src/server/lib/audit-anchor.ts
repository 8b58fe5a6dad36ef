import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Deps } from '../context';
import { rowsOf } from '../db/client';
import { flushAudit } from './audit';
import { canonicalJson } from './canonical-json';

/**
 * Checkpoints of the audit chain kept outside the database (docs/decisions/0007): one signed line per checkpoint,
 * "the entry with this seq had this hash at this time". Whoever can rewrite the database can delete the newest
 * entries and move the head back, and the chain alone cannot tell; verification compares the chain with the newest
 * checkpoint here. The backup takes this file with the data folder.
 */
export const AUDIT_ANCHOR_FILE = 'audit-anchors.jsonl';

export function auditAnchorPath(dataDir: string): string {
  return path.join(dataDir, AUDIT_ANCHOR_FILE);
}

export interface AuditAnchor {
  v: 1;
  seq: number;
  hash: string;
  at: string;
  /** Which server wrote it: host name and process id. */
  instance: string;
}

/**
 * The checkpoints' own key, derived from the audit key with a label: the chain's HMAC and the checkpoints'
 * signatures never use the same key bytes, so that a value of one can never pass as the other.
 */
export function anchorKey(auditKey: Buffer): Buffer {
  return createHmac('sm3', auditKey).update('hbts/audit-anchor/v1').digest();
}

function signatureOf(auditKey: Buffer, anchor: AuditAnchor): Buffer {
  const { v, seq, hash, at, instance } = anchor;
  return createHmac('sm3', anchorKey(auditKey)).update(canonicalJson({ v, seq, hash, at, instance })).digest();
}

/** One line of the file: the checkpoint and its HMAC-SM3 signature, ending in a newline. */
export function anchorLine(auditKey: Buffer, anchor: AuditAnchor): string {
  return `${JSON.stringify({ ...anchor, sig: signatureOf(auditKey, anchor).toString('hex') })}\n`;
}

/** The checkpoint a line holds, or null when it cannot be read or its signature does not hold. */
export function parseAnchorLine(auditKey: Buffer, line: string): AuditAnchor | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const a = value as Partial<AuditAnchor> & { sig?: unknown };
  if (
    typeof a !== 'object' ||
    a === null ||
    a.v !== 1 ||
    !Number.isSafeInteger(a.seq) ||
    (a.seq ?? 0) < 1 ||
    typeof a.hash !== 'string' ||
    typeof a.at !== 'string' ||
    typeof a.instance !== 'string' ||
    typeof a.sig !== 'string' ||
    !/^[0-9a-f]{64}$/.test(a.sig)
  ) {
    return null;
  }
  const anchor: AuditAnchor = { v: 1, seq: a.seq as number, hash: a.hash, at: a.at, instance: a.instance };
  return timingSafeEqual(signatureOf(auditKey, anchor), Buffer.from(a.sig, 'hex')) ? anchor : null;
}

export interface AnchorFileReading {
  /** False when there is no checkpoint file yet. */
  present: boolean;
  /** The valid checkpoint with the highest seq. */
  newest: AuditAnchor | null;
  valid: number;
  /** 1-based numbers of the lines whose signature does not hold (altered, forged or cut short). */
  invalidLines: number[];
}

/** Read and check every line of the checkpoint file. */
export async function readAuditAnchors(file: string, auditKey: Buffer): Promise<AnchorFileReading> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { present: false, newest: null, valid: 0, invalidLines: [] };
    }
    throw err;
  }
  let newest: AuditAnchor | null = null;
  let valid = 0;
  const invalidLines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const anchor = parseAnchorLine(auditKey, line);
    if (!anchor) {
      invalidLines.push(i + 1);
      return;
    }
    valid++;
    if (!newest || anchor.seq >= newest.seq) newest = anchor;
  });
  return { present: true, newest, valid, invalidLines };
}

/** The last line of the file, read from its end only (the file grows by a line per checkpoint). */
async function lastLineOf(file: string): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return (
      buffer
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .at(-1) ?? null
    );
  } finally {
    await handle.close();
  }
}

/**
 * Append a checkpoint of the chain's head when it moved since the last one (housekeeping, graceful shutdown).
 * When uploads go to S3, the same line is also stored there as an object of its own, so that a copy lives off
 * this machine. Returns the checkpoint written, or null when the head has not moved (or the chain is empty).
 */
export async function writeAuditAnchor(deps: Deps): Promise<AuditAnchor | null> {
  // The checkpoint is of the chain with every committed entry in it (decision 0021).
  await flushAudit(deps.db, deps.auditKey);
  const head = rowsOf<{ seq: string | number; hash: string }>(
    await deps.db.execute(sql`select seq, hash from audit_head where id = 1`),
  )[0];
  if (!head || Number(head.seq) === 0) return null;
  const file = auditAnchorPath(deps.config.dataDir);
  const lastLine = await lastLineOf(file);
  const last = lastLine ? parseAnchorLine(deps.auditKey, lastLine) : null;
  if (last && last.seq === Number(head.seq) && last.hash === head.hash) return null;
  const anchor: AuditAnchor = {
    v: 1,
    seq: Number(head.seq),
    hash: head.hash,
    at: deps.clock().toISOString(),
    instance: `${os.hostname()}/${process.pid}`,
  };
  const line = anchorLine(deps.auditKey, anchor);
  await fs.mkdir(deps.config.dataDir, { recursive: true });
  const handle = await fs.open(file, 'a', 0o600);
  try {
    // One write of one short line in append mode, then to disk: a checkpoint that is reported written is kept.
    await handle.appendFile(line, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (deps.config.s3) {
    const key = `audit-anchors/${String(anchor.seq).padStart(12, '0')}-${anchor.at.replace(/[:.]/g, '')}.json`;
    await deps.files.put(key, Buffer.from(line, 'utf8'), 'application/json');
  }
  return anchor;
}
