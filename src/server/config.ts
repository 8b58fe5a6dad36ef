import path from 'node:path';
import type { LogFormat } from './lib/log-format';

/** Configuration from the environment (SPEC §8). Nothing else reads process.env. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * The owner's URL for migrations when DATABASE_URL names a restricted role (docs/sql/app-role.sql): start-up and
   * `npm run db:migrate` migrate through it. Without it they migrate through DATABASE_URL.
   */
  migrationDatabaseUrl: string | undefined;
  /**
   * A read-only copy of DATABASE_URL's server (a streaming standby, docs/deployment.md): statistics and exports read
   * from it; sessions, permissions and everything a user writes and reads back stay on DATABASE_URL.
   */
  replicaDatabaseUrl: string | undefined;
  demoPassword: string | undefined;
  /** Key of the audit chain's HMAC-SM3; when absent a key file is kept in DATA_DIR. */
  auditKey: string | undefined;
  /** Master key for protected fields (ID numbers: SM4 + HMAC-SM3); when absent a key file is kept in DATA_DIR. */
  fieldKey: string | undefined;
  /** Set the Secure flag on the session cookie (on behind HTTPS). */
  cookieSecure: boolean;
  /**
   * Which reverse proxies may name the client's IP in X-Forwarded-For: false (none, the default), a hop count, or
   * the proxies' addresses / CIDRs. `true` would trust any client's claim, so sign-in limits and the audit log
   * could be fooled; it is not offered.
   */
  trustProxy: false | number | string[];
  /**
   * Origins besides the app's own (the scheme and Host of the request) from which a browser may send state changes,
   * e.g. the public address when a reverse proxy rewrites Host. Any other Origin is refused (issue 10).
   */
  allowedOrigins: string[];
  logLevel: string;
  /**
   * LOG_FORMAT: `pretty` (one short line per request) or `json` (pino's lines, for a log collector). By default
   * pretty when stdout is a terminal, JSON otherwise (src/server/lib/log-format.ts).
   */
  logFormat: LogFormat;
  /** Uploaded files go to this S3-compatible bucket when S3_BUCKET is set; otherwise to DATA_DIR/uploads. */
  s3: S3Config | undefined;
  /** Where `npm run backup` and 立即备份 write backups (BACKUP_DIR); undefined means DATA_DIR/backups. */
  backupDir: string | undefined;
  /**
   * PostgreSQL only: the server on which a backup's restore test makes (and drops) a scratch database
   * (BACKUP_VERIFY_DATABASE_URL); undefined means DATABASE_URL's server. Its role needs CREATEDB.
   */
  backupVerifyUrl: string | undefined;
  /**
   * LIST_COUNT_CAP: where a large list (service records, audit log, messages) stops counting its total and says
   * "at least" instead (lib/list-count.ts, decision 0017). Default 10,000; tests lower it to reach it with few rows.
   */
  listCountCap: number;
  /**
   * SINGLE_WINDOW_CALLBACK_SECRET: the secret shared with 单一窗口 for the HMAC-SM3 signature of its filing-status
   * callbacks (docs/exchange/single-window.md). Unset, the callback refuses every call.
   */
  singleWindowSecret?: string;
}

export interface S3Config {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** https://endpoint/bucket/key rather than https://bucket.endpoint/key; what MinIO and most others need. */
  forcePathStyle: boolean;
  /** Put before every key, e.g. 'uploads/' → uploads/2026-11/<uuid>.pdf. */
  prefix: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL || undefined,
    replicaDatabaseUrl: parseReplicaUrl(env),
    demoPassword: env.DEMO_PASSWORD || undefined,
    auditKey: env.AUDIT_HMAC_KEY || undefined,
    fieldKey: env.FIELD_ENCRYPTION_KEY || undefined,
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS),
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: parseLogFormat(env.LOG_FORMAT, process.stdout.isTTY === true),
    s3: parseS3(env),
    backupDir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : undefined,
    backupVerifyUrl: env.BACKUP_VERIFY_DATABASE_URL || undefined,
    listCountCap: parseListCountCap(env.LIST_COUNT_CAP),
    singleWindowSecret: env.SINGLE_WINDOW_CALLBACK_SECRET || undefined,
  };
}

/** 等保 2.0 application controls (issue 3). Kept together so that a reviewer finds them in one place. */
export const SECURITY = {
  sessionIdleMs: 30 * 60 * 1000,
  sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often, so that reads do not each cost a write. */
  sessionTouchMs: 60 * 1000,
  /** Wrong passwords in a row from one address that lock the name for that address (for lockoutMs). */
  maxFailedLogins: 5,
  lockoutMs: 15 * 60 * 1000,
  /**
   * Wrong passwords for one name from all addresses together, within lockoutMs, that alert the administrators
   * (once per window): a spread-out attack on an account, which no per-address lock stops and none may lock the
   * owner out of.
   */
  accountAttackAlertFailures: 20,
  loginRateLimitPerIp: 20,
  loginRateWindowMs: 60 * 1000,
  /** Public enterprise registrations per IP and rate window (the same window as sign-ins). */
  registrationRateLimitPerIp: 5,
  cookieName: 'hbts_session',
} as const;

/** Checked now, so that a replica named for the embedded PGlite database is not silently ignored. */
function parseReplicaUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.REPLICA_DATABASE_URL?.trim();
  if (!url) return undefined;
  if (!env.DATABASE_URL) {
    throw new Error(
      'REPLICA_DATABASE_URL is set but DATABASE_URL is not: a read replica copies a PostgreSQL server, not the embedded database',
    );
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('REPLICA_DATABASE_URL must be a URL such as postgres://user@replica-host:5432/db');
  }
  return url;
}

/** Where a list stops counting unless a test or LIST_COUNT_CAP says otherwise (lib/list-count.ts, decision 0017). */
export const LIST_COUNT_CAP = 10_000;

function parseListCountCap(value: string | undefined): number {
  const v = value?.trim();
  if (!v) return LIST_COUNT_CAP;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 1_000_000_000)
    throw new Error(`LIST_COUNT_CAP must be a whole number from 1 to 1000000000, not ${JSON.stringify(v)}`);
  return Number(v);
}

function parseLogFormat(value: string | undefined, terminal: boolean): LogFormat {
  const v = value?.trim();
  if (!v) return terminal ? 'pretty' : 'json';
  if (v !== 'pretty' && v !== 'json') throw new Error(`LOG_FORMAT must be pretty or json, not ${JSON.stringify(v)}`);
  return v;
}

function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (!value || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') throw new Error('TRUST_PROXY=true would trust any client; give a hop count or proxy addresses');
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** ALLOWED_ORIGINS: comma-separated origins such as https://trade.hubei.gov.cn, checked now so a typo stops start-up. */
function parseAllowedOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      let url: URL;
      try {
        url = new URL(v);
      } catch {
        throw new Error(`ALLOWED_ORIGINS must list origins such as https://trade.example.cn, not ${JSON.stringify(v)}`);
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== v.replace(/\/$/, '')) {
        throw new Error(`ALLOWED_ORIGINS must list origins (scheme://host[:port], no path), not ${JSON.stringify(v)}`);
      }
      return url.origin;
    });
}

const S3_NEEDED = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * The S3 settings, checked now so that a server told to use a bucket does not start, take uploads and only then
 * find it cannot store them. Without S3_BUCKET files stay in DATA_DIR/uploads, and a stray S3 setting is refused
 * rather than silently ignored.
 */
function parseS3(env: NodeJS.ProcessEnv): S3Config | undefined {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) {
    const stray = S3_NEEDED.find((name) => env[name]);
    if (stray) {
      throw new Error(`${stray} is set but S3_BUCKET is not: set S3_BUCKET to store uploads in S3, or unset ${stray}`);
    }
    return undefined;
  }
  for (const name of S3_NEEDED) {
    if (!env[name]?.trim()) {
      throw new Error(`S3_BUCKET is set but ${name} is not: uploads to S3 need ${S3_NEEDED.join(', ')}`);
    }
  }
  const endpoint = (env.S3_ENDPOINT ?? '').trim();
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Error(
      `S3_ENDPOINT must be a URL such as http://127.0.0.1:9000 or https://s3.cn-north-1.amazonaws.com.cn, not ${JSON.stringify(endpoint)}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('S3_ENDPOINT must start with http:// or https://');
  }
  if (url.username || url.password) {
    throw new Error('S3_ENDPOINT must not hold credentials; use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  // AWS itself prefers virtual-hosted-style addresses; MinIO, Ceph and most other stores want the bucket in the path.
  const isAws = /(^|\.)amazonaws\.com(\.cn)?$/.test(url.hostname);
  const pathStyle = env.S3_FORCE_PATH_STYLE?.trim();
  if (pathStyle && pathStyle !== 'true' && pathStyle !== 'false') {
    throw new Error(`S3_FORCE_PATH_STYLE must be true or false, not ${JSON.stringify(pathStyle)}`);
  }
  const prefix = env.S3_PREFIX ?? 'uploads/';
  if (prefix.startsWith('/') || prefix.includes('..')) {
    throw new Error(`S3_PREFIX must be a relative key prefix such as uploads/, not ${JSON.stringify(prefix)}`);
  }
  return {
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    accessKeyId: (env.S3_ACCESS_KEY_ID ?? '').trim(),
    secretAccessKey: (env.S3_SECRET_ACCESS_KEY ?? '').trim(),
    forcePathStyle: pathStyle ? pathStyle === 'true' : !isAws,
    prefix,
  };
}
