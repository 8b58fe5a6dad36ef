import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { TRADE_SOURCES } from '../../../contracts/trade';
import { TRADE_DIRECTIONS } from '../../../contracts/trade-codes';
import { enterprises } from './enterprise';
import { users } from './identity';

/**
 * 汇率 (issue 13): the province's monthly table, CNY per one unit of a currency (CNY itself is 1 and needs no row).
 * A declaration's CNY and USD values are computed with the rates of its declaration month when it is taken in.
 */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    /** 'YYYY-MM' */
    month: char('month', { length: 7 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    cnyPerUnit: numeric('cny_per_unit', { precision: 18, scale: 6 }).notNull(),
    setBy: integer('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.currency] })],
);

/**
 * One intake of declarations: a file, one JSON bulk call, one exchange with a provincial system. Every declaration
 * names the intake it came in with (who, when, how). A JSON call's Idempotency-Key is kept per user with the hash of
 * its body: the same key again answers the first result; the same key with another body is refused.
 */
export const tradeIntakes = pgTable(
  'trade_intakes',
  {
    id: serial('id').primaryKey(),
    source: text('source', { enum: TRADE_SOURCES }).notNull(),
    /** file / api / exchange */
    channel: text('channel', { enum: ['file', 'api', 'exchange', 'demo'] }).notNull(),
    userId: integer('user_id').references(() => users.id),
    fileName: text('file_name'),
    idempotencyKey: text('idempotency_key'),
    requestHash: char('request_hash', { length: 64 }),
    status: text('status', { enum: ['running', 'succeeded', 'failed'] }).notNull(),
    declarations: integer('declarations').notNull().default(0),
    lines: integer('lines').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    /** The row-by-row report of a failed intake, or the answer kept for a repeated idempotency key. */
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('trade_intakes_idempotency_idx').on(t.userId, t.idempotencyKey).where(sql`idempotency_key is not null`),
    index('trade_intakes_user_idx').on(t.userId, t.createdAt),
  ],
);

/**
 * 报关单 (SPEC §2 trade record): one customs declaration of one enterprise. The number is unique on the platform: the
 * same declaration sent twice is recognised and not counted twice. The region and park columns are copied from the
 * enterprise for scope filters without a join; enterprise_id is the distribution key on the path to a sharded
 * PostgreSQL (docs/deployment.md) and its lines carry it too. Amounts: `amount` in the declaration's currency, and the
 * CNY and USD values in fen and cents, computed at intake with the month's rates (never floating point).
 */
export const tradeDeclarations = pgTable(
  'trade_declarations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    declarationNo: char('declaration_no', { length: 18 }).notNull(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    cityCode: varchar('city_code', { length: 6 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    parkId: integer('park_id'),
    direction: text('direction', { enum: TRADE_DIRECTIONS }).notNull(),
    declaredOn: date('declared_on', { mode: 'string' }).notNull(),
    /** 'YYYY-MM' of declared_on: the figures' month. */
    month: char('month', { length: 7 }).notNull(),
    tradeMode: char('trade_mode', { length: 4 }).notNull(),
    /** ISO 3166-1 alpha-2 */
    country: char('country', { length: 2 }).notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    amountCnyFen: bigint('amount_cny_fen', { mode: 'number' }).notNull(),
    amountUsdCent: bigint('amount_usd_cent', { mode: 'number' }).notNull(),
    lineCount: smallint('line_count').notNull(),
    orderNo: text('order_no'),
    foreignCustomer: text('foreign_customer'),
    source: text('source', { enum: TRADE_SOURCES }).notNull(),
    intakeId: integer('intake_id').references(() => tradeIntakes.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('trade_declarations_no_idx').on(t.declarationNo),
    index('trade_declarations_enterprise_idx').on(t.enterpriseId, t.declaredOn),
    index('trade_declarations_city_idx').on(t.cityCode, t.declaredOn),
    index('trade_declarations_county_idx').on(t.countyCode, t.declaredOn),
    index('trade_declarations_day_idx').on(t.declaredOn),
  ],
);

/** 表体: one commodity line of a declaration. */
export const tradeDeclarationLines = pgTable(
  'trade_declaration_lines',
  {
    declarationId: bigint('declaration_id', { mode: 'number' })
      .notNull()
      .references(() => tradeDeclarations.id, { onDelete: 'cascade' }),
    lineNo: smallint('line_no').notNull(),
    /** Copied from the declaration: the distribution key (colocated with its declaration). */
    enterpriseId: integer('enterprise_id').notNull(),
    /** 商品编号: 10 digits; the first 6 are the HS code, the first 2 its chapter. */
    commodityCode: char('commodity_code', { length: 10 }).notNull(),
    hsChapter: char('hs_chapter', { length: 2 }).notNull(),
    goodsName: text('goods_name').notNull(),
    quantity: numeric('quantity', { precision: 19, scale: 5 }).notNull(),
    unit: text('unit').notNull(),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    amountCnyFen: bigint('amount_cny_fen', { mode: 'number' }).notNull(),
    amountUsdCent: bigint('amount_usd_cent', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.declarationId, t.lineNo] })],
);
