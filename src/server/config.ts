import path from 'node:path';

/** Configuration from the environment (SPEC §8). Nothing else reads process.env. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
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
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    demoPassword: env.DEMO_PASSWORD || undefined,
    auditKey: env.AUDIT_HMAC_KEY || undefined,
    fieldKey: env.FIELD_ENCRYPTION_KEY || undefined,
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

/** 等保 2.0 application controls (issue 3). Kept together so that a reviewer finds them in one place. */
export const SECURITY = {
  sessionIdleMs: 30 * 60 * 1000,
  sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  /** last_seen_at is written at most this often, so that reads do not each cost a write. */
  sessionTouchMs: 60 * 1000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60 * 1000,
  loginRateLimitPerIp: 20,
  loginRateWindowMs: 60 * 1000,
  cookieName: 'hbts_session',
} as const;

function parseTrustProxy(value: string | undefined): false | number | string[] {
  if (!value || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') throw new Error('TRUST_PROXY=true would trust any client; give a hop count or proxy addresses');
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
