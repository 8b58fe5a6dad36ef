import { eq } from 'drizzle-orm';
import type { TMeResponse, TScope } from '../../../contracts/auth';
import type { TLocale } from '../../../contracts/common';
import { auditContext, type RequestContext } from '../../context';
import { parks, regions, users } from '../../db/schema';
import { permittedActions } from '../../lib/access/permissions';
import { requireAction } from '../../lib/access/require-access';
import type { SessionUser } from '../../lib/access/session-user';
import { writeAudit } from '../../lib/audit';

/** Describe the user's data scope in words the header can show (e.g. 宜昌市, 武汉东湖新技术开发区). */
export async function describeScope(ctx: RequestContext, user: SessionUser): Promise<TScope> {
  const db = ctx.deps.db;
  const region = user.regionCode
    ? (await db.select().from(regions).where(eq(regions.code, user.regionCode)).limit(1))[0]
    : undefined;
  const park = user.parkId ? (await db.select().from(parks).where(eq(parks.id, user.parkId)).limit(1))[0] : undefined;
  const kind: TScope['kind'] = user.role === 'admin' ? 'all' : user.role;
  return {
    kind,
    regionCode: region?.code ?? null,
    regionName: region?.name ?? null,
    parkId: park?.id ?? null,
    parkName: park?.name ?? null,
    centreId: user.centreId,
    enterpriseId: user.enterpriseId,
    evaluatorId: user.evaluatorId,
  };
}

export async function getMe(ctx: RequestContext): Promise<TMeResponse> {
  const me = requireAction(ctx.user, 'me.read');
  return {
    user: {
      id: me.id,
      username: me.username,
      displayName: me.displayName,
      role: me.role,
      locale: me.locale,
      isDemo: me.isDemo,
    },
    scope: await describeScope(ctx, me),
    permissions: permittedActions(me.role),
  };
}

export async function setMyLocale(ctx: RequestContext, locale: TLocale): Promise<void> {
  const me = requireAction(ctx.user, 'me.update');
  if (me.locale === locale) return;
  await ctx.deps.db.transaction(async (tx) => {
    await tx.update(users).set({ locale, updatedAt: ctx.deps.clock() }).where(eq(users.id, me.id));
    await writeAudit(tx, auditContext(ctx), {
      action: 'user.locale.changed',
      objectType: 'user',
      objectId: me.id,
      before: { locale: me.locale },
      after: { locale },
    });
  });
}
