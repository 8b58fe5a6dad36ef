import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TMessageKind } from '../../../contracts/message';
import type { Deps } from '../../context';
import type { Db } from '../../db/client';
import { centres, messages, users } from '../../db/schema';

/** Who receives a message: named users, an enterprise's accounts, a centre's operator accounts, a county bureau. */
export type Recipients =
  | { userIds: number[] }
  | { enterpriseId: number }
  | { centreId: number }
  | { countyCode: string }
  /** A city bureau (市州商务主管部门). */
  | { cityCode: string }
  /** The evaluator accounts of a third-party evaluation agency (Art. 12(二)(3)). */
  | { evaluatorsOfAgency: number }
  /** Every administrator account (security alerts). */
  | { role: 'admin' }
  /** Those who may approve an enterprise's registration: its county bureau and the operators of centres there. */
  | { reviewersOfCounty: string };

export interface OutboundMessage {
  userId: number;
  kind: TMessageKind;
  params: Record<string, string | number | null>;
  link: string | null;
}

/**
 * E-mail and SMS are adapters behind this one interface (none is live on this platform yet). The in-app message
 * is always stored; each configured channel is then offered every message after the transaction commits, and a
 * failing channel is logged, never undoes the business step.
 */
export interface MessageChannel {
  readonly name: string;
  deliver(message: OutboundMessage): Promise<void>;
}

function recipientWhere(r: Recipients): SQL {
  if ('userIds' in r) return r.userIds.length ? inArray(users.id, r.userIds) : sql`false`;
  if ('enterpriseId' in r) return and(eq(users.role, 'enterprise'), eq(users.enterpriseId, r.enterpriseId)) as SQL;
  if ('centreId' in r) return and(eq(users.role, 'operator'), eq(users.centreId, r.centreId)) as SQL;
  if ('role' in r) return eq(users.role, r.role);
  if ('countyCode' in r) return and(eq(users.role, 'county'), eq(users.regionCode, r.countyCode)) as SQL;
  if ('cityCode' in r) return and(eq(users.role, 'city'), eq(users.regionCode, r.cityCode)) as SQL;
  if ('evaluatorsOfAgency' in r)
    return and(eq(users.role, 'evaluator'), eq(users.evaluatorId, r.evaluatorsOfAgency)) as SQL;
  return sql`((${users.role} = 'county' and ${users.regionCode} = ${r.reviewersOfCounty})
    or (${users.role} = 'operator' and ${users.centreId} in
      (select ${centres.id} from ${centres} where ${centres.countyCode} = ${r.reviewersOfCounty})))`;
}

/**
 * Store a message for every enabled recipient, in the caller's transaction (站内消息). `subject` marks what it is
 * about (e.g. service_record:12) so that a reminder can tell whether it was already sent. Returns what was stored,
 * for the outbound channels.
 */
export async function notify(
  tx: Db,
  to: Recipients,
  message: {
    kind: TMessageKind;
    params: Record<string, string | number | null>;
    link?: string | null;
    subject?: string | null;
    at: Date;
  },
): Promise<OutboundMessage[]> {
  const recipients = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(recipientWhere(to), eq(users.disabled, false)));
  if (recipients.length === 0) return [];
  await tx.insert(messages).values(
    recipients.map((r) => ({
      userId: r.id,
      kind: message.kind,
      params: message.params,
      link: message.link ?? null,
      subject: message.subject ?? null,
      createdAt: message.at,
    })),
  );
  return recipients.map((r) => ({
    userId: r.id,
    kind: message.kind,
    params: message.params,
    link: message.link ?? null,
  }));
}

/** After commit: offer stored messages to the configured outbound channels (e-mail/SMS adapters). */
export function deliverOutbound(deps: Deps, sent: OutboundMessage[]): void {
  const channels = deps.channels ?? [];
  for (const channel of channels) {
    for (const m of sent) {
      channel.deliver(m).catch((err: unknown) => {
        console.warn(`message channel ${channel.name} failed for user ${m.userId}`, err);
      });
    }
  }
}
