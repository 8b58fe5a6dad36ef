import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * 站内消息: one row per recipient. The text is not stored: `kind` and `params` are, and each reader's interface
 * renders them in its own language (zh-CN or English). `link` is the in-app page the message points to.
 */
export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
    link: text('link'),
    /** What the message is about, e.g. service_record:12, so that a reminder is not sent twice. */
    subject: text('subject'),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('messages_user_idx').on(t.userId, t.createdAt),
    index('messages_unread_idx').on(t.userId).where(sql`read_at is null`),
  ],
);
