CREATE TABLE "service_figures_enterprise" (
	"centre_id" integer NOT NULL,
	"year" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer NOT NULL,
	"records" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "service_figures_enterprise_centre_id_year_enterprise_id_pk" PRIMARY KEY("centre_id","year","enterprise_id")
);--> statement-breakpoint
-- hand-written:
-- Distinct enterprises per centre and year (issue 14) start from the records already there: the same recomputation
-- as rebuildFigures (ENTERPRISE_RECOMPUTE_SQL in src/server/modules/figures/recompute.ts) as it stood when this
-- migration was written.
INSERT INTO "service_figures_enterprise" ("centre_id", "year", "enterprise_id", "city_code", "county_code", "park_id",
    "records")
  SELECT r."centre_id", extract(year from timezone('UTC', r."submitted_at") + interval '8 hours')::int,
    r."enterprise_id", min(r."city_code"), min(r."county_code"), min(r."park_id"),
    count(*) filter (where r."status" <> 'cancelled')
  FROM "service_records" r
  GROUP BY r."centre_id", extract(year from timezone('UTC', r."submitted_at") + interval '8 hours')::int,
    r."enterprise_id"
  HAVING count(*) filter (where r."status" <> 'cancelled') > 0
  ORDER BY 1, 2, 3;
