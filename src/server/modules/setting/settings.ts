import { eq, sql } from 'drizzle-orm';
import { type TSettings, ZSettings } from '../../../contracts/setting';
import { auditContext, type RequestContext } from '../../context';
import type { Db } from '../../db/client';
import { settings } from '../../db/schema';
import { requireAction } from '../../lib/access/require-access';
import { writeAudit } from '../../lib/audit';

/** Defaults: audit entries kept for a year, above the legal six-month minimum (网络安全法 第二十一条). */
export const DEFAULT_SETTINGS: TSettings = { auditRetentionDays: 365 };

export async function readSettings(db: Db): Promise<TSettings> {
  const rows = await db.select().from(settings);
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return ZSettings.parse({ ...DEFAULT_SETTINGS, ...stored });
}

export async function getSettings(ctx: RequestContext): Promise<TSettings> {
  requireAction(ctx.user, 'setting.read');
  return readSettings(ctx.deps.db);
}

export async function updateSettings(ctx: RequestContext, input: Partial<TSettings>): Promise<TSettings> {
  requireAction(ctx.user, 'setting.update');
  const db = ctx.deps.db;
  const now = ctx.deps.clock();
  await db.transaction(async (tx) => {
    // Changes to settings queue here (readers are not blocked): `before` is then the value this change replaced, and
    // two first writes of a key cannot both insert it.
    await tx.execute(sql`lock table settings in exclusive mode`);
    const before = await readSettings(tx);
    for (const [key, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const existing = await tx.select().from(settings).where(eq(settings.key, key));
      if (existing.length) await tx.update(settings).set({ value, updatedAt: now }).where(eq(settings.key, key));
      else await tx.insert(settings).values({ key, value, updatedAt: now });
    }
    await writeAudit(tx, auditContext(ctx, now), {
      action: 'setting.updated',
      objectType: 'settings',
      objectId: null,
      before,
      after: { ...before, ...input },
    });
  });
  return readSettings(db);
}
