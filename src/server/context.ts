import type { TLocale } from '../contracts/common';
import type { AppConfig } from './config';
import type { Db } from './db/client';
import type { SessionUser } from './lib/access/session-user';
import type { AuditBuffer, AuditContext } from './lib/audit';
import type { FileStore } from './lib/file-store';
import type { MessageChannel } from './modules/message/notify';

/** What the server is built from; tests build it with their own database and clock. */
export interface Deps {
  db: Db;
  /**
   * The read replica (REPLICA_DATABASE_URL): read-only, a moment behind, falling back to the primary when it is
   * unreachable. Only statistics and exports use it, through db/read-db.ts; absent, they read `db`.
   */
  replicaDb?: Db;
  dbKind: 'pglite' | 'postgres';
  config: AppConfig;
  /** The one source of "now", so that expiry and deadlines can be tested without waiting. */
  clock: () => Date;
  auditKey: Buffer;
  /** Master key of protected fields (lib/field-crypto.ts). */
  fieldKey: Buffer;
  /** Where uploaded files' bytes live: DATA_DIR/uploads, or an S3 bucket (lib/file-store.ts). */
  files: FileStore;
  /** Outbound message channels (e-mail, SMS): adapters behind one interface; none is live here. */
  channels?: MessageChannel[];
  /** Only while the demo data set is built: audit entries are held here and appended in time order (lib/audit.ts). */
  auditBuffer?: AuditBuffer;
}

/** Who is asking, from where: passed to every use case. */
export interface RequestContext {
  deps: Deps;
  user: SessionUser | null;
  ip: string | null;
  requestId: string;
  locale: TLocale;
}

export function auditContext(ctx: RequestContext, at: Date = ctx.deps.clock()): AuditContext {
  return {
    actor: ctx.user
      ? {
          // id 0 is the platform itself acting (demo data, reference data), not an account.
          userId: ctx.user.id === SYSTEM_USER_ID ? null : ctx.user.id,
          username: ctx.user.username,
          role: ctx.user.role,
          regionCode: ctx.user.regionCode,
        }
      : null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    at,
    key: ctx.deps.auditKey,
    ...(ctx.deps.auditBuffer ? { buffer: ctx.deps.auditBuffer } : {}),
  };
}

export const SYSTEM_USER_ID = 0;

/**
 * A context for work the platform does by itself (reference data, demo data). `actingAs` is the role whose use
 * cases it calls, so that the demo goes through the same rules as a person would; the audit shows "system".
 */
export function systemContext(
  deps: Deps,
  actingAs: SessionUser['role'] = 'admin',
  scope: { regionCode?: string; parkId?: number } = {},
): RequestContext {
  const user: SessionUser = {
    id: SYSTEM_USER_ID,
    username: 'system',
    displayName: '系统',
    role: actingAs,
    regionCode: scope.regionCode ?? (actingAs === 'province' ? '420000' : null),
    parkId: scope.parkId ?? null,
    centreId: null,
    enterpriseId: null,
    evaluatorId: null,
    locale: 'zh-CN',
    isDemo: false,
    sessionTokenHash: '',
  };
  return { deps, user, ip: null, requestId: 'system', locale: 'zh-CN' };
}
