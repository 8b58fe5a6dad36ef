CREATE TABLE "trade_figures_enterprise_total" (
	"enterprise_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"direction" text NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer,
	"declarations" integer DEFAULT 0 NOT NULL,
	"cny_fen" bigint DEFAULT 0 NOT NULL,
	"usd_cent" bigint DEFAULT 0 NOT NULL,
	"first_on" date NOT NULL,
	CONSTRAINT "trade_figures_enterprise_total_enterprise_id_year_direction_pk" PRIMARY KEY("enterprise_id","year","direction")
);
--> statement-breakpoint
CREATE TABLE "trade_figures_enterprise_year" (
	"enterprise_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"direction" text NOT NULL,
	"dim" text NOT NULL,
	"value" varchar(4) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer,
	"items" integer DEFAULT 0 NOT NULL,
	"cny_fen" bigint DEFAULT 0 NOT NULL,
	"usd_cent" bigint DEFAULT 0 NOT NULL,
	"first_on" date NOT NULL,
	CONSTRAINT "trade_figures_enterprise_year_enterprise_id_year_direction_dim_value_pk" PRIMARY KEY("enterprise_id","year","direction","dim","value")
);
--> statement-breakpoint
CREATE TABLE "trade_figures_month" (
	"enterprise_id" integer NOT NULL,
	"month" char(7) NOT NULL,
	"direction" text NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer,
	"declarations" integer DEFAULT 0 NOT NULL,
	"cny_fen" bigint DEFAULT 0 NOT NULL,
	"usd_cent" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "trade_figures_month_enterprise_id_month_direction_pk" PRIMARY KEY("enterprise_id","month","direction")
);
--> statement-breakpoint
CREATE TABLE "trade_figures_region" (
	"county_code" varchar(6) NOT NULL,
	"month" char(7) NOT NULL,
	"direction" text NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"declarations" integer DEFAULT 0 NOT NULL,
	"cny_fen" bigint DEFAULT 0 NOT NULL,
	"usd_cent" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "trade_figures_region_county_code_month_direction_pk" PRIMARY KEY("county_code","month","direction")
);
--> statement-breakpoint
CREATE TABLE "trade_figures_region_year" (
	"county_code" varchar(6) NOT NULL,
	"year" smallint NOT NULL,
	"direction" text NOT NULL,
	"dim" text NOT NULL,
	"value" varchar(4) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"cny_fen" bigint DEFAULT 0 NOT NULL,
	"usd_cent" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "trade_figures_region_year_county_code_year_direction_dim_value_pk" PRIMARY KEY("county_code","year","direction","dim","value")
);
--> statement-breakpoint
CREATE TABLE "trade_served" (
	"enterprise_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"first_served_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trade_served_enterprise_id_centre_id_pk" PRIMARY KEY("enterprise_id","centre_id")
);
--> statement-breakpoint
CREATE INDEX "trade_figures_enterprise_total_year_idx" ON "trade_figures_enterprise_total" USING btree ("year");--> statement-breakpoint
CREATE INDEX "trade_figures_enterprise_year_park_idx" ON "trade_figures_enterprise_year" USING btree ("park_id","year");--> statement-breakpoint
CREATE INDEX "trade_figures_month_park_idx" ON "trade_figures_month" USING btree ("park_id","month");--> statement-breakpoint
CREATE INDEX "trade_figures_region_city_idx" ON "trade_figures_region" USING btree ("city_code","month");--> statement-breakpoint
CREATE INDEX "trade_figures_region_month_idx" ON "trade_figures_region" USING btree ("month");--> statement-breakpoint
CREATE INDEX "trade_figures_region_year_city_idx" ON "trade_figures_region_year" USING btree ("city_code","year");--> statement-breakpoint
CREATE INDEX "trade_figures_region_year_year_idx" ON "trade_figures_region_year" USING btree ("year");--> statement-breakpoint
CREATE INDEX "trade_served_centre_idx" ON "trade_served" USING btree ("centre_id");--> statement-breakpoint
-- Hand-written (decision 0026): fill the trade figures from the rows already there.
INSERT INTO "trade_figures_month" (enterprise_id, month, direction, city_code, county_code, park_id, declarations, cny_fen, usd_cent) select d.enterprise_id, d.month, d.direction, min(d.city_code) as city_code, min(d.county_code) as county_code, min(d.park_id) as park_id, count(*)::int as declarations, sum(d.amount_cny_fen)::bigint as cny_fen, sum(d.amount_usd_cent)::bigint as usd_cent from trade_declarations d group by d.enterprise_id, d.month, d.direction;
--> statement-breakpoint
INSERT INTO "trade_figures_enterprise_year" (enterprise_id, year, direction, dim, value, city_code, county_code, park_id, items, cny_fen, usd_cent, first_on) select x.enterprise_id, x.year, x.direction, x.dim, x.value, min(x.city_code) as city_code, min(x.county_code) as county_code, min(x.park_id) as park_id, count(*)::int as items, sum(x.cny)::bigint as cny_fen, sum(x.usd)::bigint as usd_cent, min(x.declared_on) as first_on from ( select d.enterprise_id, left(d.month, 4)::smallint as year, d.direction, d.city_code, d.county_code, d.park_id, d.declared_on, 'mode' as dim, d.trade_mode::varchar as value, d.amount_cny_fen as cny, d.amount_usd_cent as usd from trade_declarations d union all select d.enterprise_id, left(d.month, 4)::smallint as year, d.direction, d.city_code, d.county_code, d.park_id, d.declared_on, 'country', d.country::varchar, d.amount_cny_fen, d.amount_usd_cent from trade_declarations d union all select d.enterprise_id, left(d.month, 4)::smallint as year, d.direction, d.city_code, d.county_code, d.park_id, d.declared_on, 'chapter', l.hs_chapter::varchar, l.amount_cny_fen, l.amount_usd_cent from trade_declarations d join trade_declaration_lines l on l.declaration_id = d.id ) x group by x.enterprise_id, x.year, x.direction, x.dim, x.value;
--> statement-breakpoint
INSERT INTO "trade_figures_enterprise_total" (enterprise_id, year, direction, city_code, county_code, park_id, declarations, cny_fen, usd_cent, first_on) select d.enterprise_id, left(d.month, 4)::smallint as year, d.direction, min(d.city_code) as city_code, min(d.county_code) as county_code, min(d.park_id) as park_id, count(*)::int as declarations, sum(d.amount_cny_fen)::bigint as cny_fen, sum(d.amount_usd_cent)::bigint as usd_cent, min(d.declared_on) as first_on from trade_declarations d group by d.enterprise_id, left(d.month, 4)::smallint, d.direction;
--> statement-breakpoint
INSERT INTO "trade_figures_region" (county_code, month, direction, city_code, declarations, cny_fen, usd_cent) select d.county_code, d.month, d.direction, min(d.city_code) as city_code, count(*)::int as declarations, sum(d.amount_cny_fen)::bigint as cny_fen, sum(d.amount_usd_cent)::bigint as usd_cent from trade_declarations d group by d.county_code, d.month, d.direction;
--> statement-breakpoint
INSERT INTO "trade_figures_region_year" (county_code, year, direction, dim, value, city_code, items, cny_fen, usd_cent) select x.county_code, x.year, x.direction, x.dim, x.value, min(x.city_code) as city_code, count(*)::int as items, sum(x.cny)::bigint as cny_fen, sum(x.usd)::bigint as usd_cent from ( select d.county_code, left(d.month, 4)::smallint as year, d.direction, d.city_code, 'mode' as dim, d.trade_mode::varchar as value, d.amount_cny_fen as cny, d.amount_usd_cent as usd from trade_declarations d union all select d.county_code, left(d.month, 4)::smallint as year, d.direction, d.city_code, 'country', d.country::varchar, d.amount_cny_fen, d.amount_usd_cent from trade_declarations d union all select d.county_code, left(d.month, 4)::smallint as year, d.direction, d.city_code, 'chapter', l.hs_chapter::varchar, l.amount_cny_fen, l.amount_usd_cent from trade_declarations d join trade_declaration_lines l on l.declaration_id = d.id ) x group by x.county_code, x.year, x.direction, x.dim, x.value;
--> statement-breakpoint
INSERT INTO "trade_served" (enterprise_id, centre_id, first_served_at) select r.enterprise_id, r.centre_id, min(r.submitted_at) as first_served_at from service_records r group by r.enterprise_id, r.centre_id;
