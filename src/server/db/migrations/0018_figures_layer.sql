CREATE TABLE "service_figures_centre" (
	"centre_id" integer NOT NULL,
	"status" text NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer NOT NULL,
	"records" bigint DEFAULT 0 NOT NULL,
	"rated" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "service_figures_centre_centre_id_status_pk" PRIMARY KEY("centre_id","status")
);
--> statement-breakpoint
CREATE TABLE "service_figures_month" (
	"centre_id" integer NOT NULL,
	"month" char(7) NOT NULL,
	"category" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"response_ms" bigint DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"completion_ms" bigint DEFAULT 0 NOT NULL,
	"completed_timed" integer DEFAULT 0 NOT NULL,
	"lv_very_satisfied" integer DEFAULT 0 NOT NULL,
	"lv_satisfied" integer DEFAULT 0 NOT NULL,
	"lv_basic" integer DEFAULT 0 NOT NULL,
	"lv_dissatisfied" integer DEFAULT 0 NOT NULL,
	"lv_very_dissatisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "service_figures_month_centre_id_month_category_channel_status_pk" PRIMARY KEY("centre_id","month","category","channel","status")
);
--> statement-breakpoint
CREATE INDEX "service_figures_month_city_idx" ON "service_figures_month" USING btree ("city_code","month");--> statement-breakpoint
CREATE INDEX "service_figures_month_county_idx" ON "service_figures_month" USING btree ("county_code","month");--> statement-breakpoint
CREATE INDEX "service_figures_month_month_idx" ON "service_figures_month" USING btree ("month");--> statement-breakpoint
-- hand-written:
-- The figures layer starts from the records already there (decision 0019): the same recomputation as
-- rebuildFigures (src/server/modules/figures/recompute.ts), as it stood when this migration was written.
INSERT INTO "service_figures_month" ("centre_id", "month", "category", "channel", "status", "city_code",
    "county_code", "park_id", "records", "rated", "response_ms", "responded", "completion_ms", "completed_timed",
    "lv_very_satisfied", "lv_satisfied", "lv_basic", "lv_dissatisfied", "lv_very_dissatisfied")
  SELECT r."centre_id", to_char(timezone('UTC', r."submitted_at") + interval '8 hours', 'YYYY-MM'), r."category",
    r."channel", r."status", min(r."city_code"), min(r."county_code"), min(r."park_id"), count(*), count(g."id"),
    coalesce(sum(round(extract(epoch from (r."accepted_at" - r."submitted_at")) * 1000)::bigint)
      filter (where r."source" = 'enterprise' and r."accepted_at" is not null), 0),
    count(*) filter (where r."source" = 'enterprise' and r."accepted_at" is not null),
    coalesce(sum(round(extract(epoch from (r."completed_at" - r."submitted_at")) * 1000)::bigint)
      filter (where r."status" = 'completed' and r."completed_at" is not null), 0),
    count(*) filter (where r."status" = 'completed' and r."completed_at" is not null),
    count(*) filter (where g."level" = 'very_satisfied'),
    count(*) filter (where g."level" = 'satisfied'),
    count(*) filter (where g."level" = 'basic'),
    count(*) filter (where g."level" = 'dissatisfied'),
    count(*) filter (where g."level" = 'very_dissatisfied')
  FROM "service_records" r LEFT JOIN "service_ratings" g ON g."record_id" = r."id"
  GROUP BY r."centre_id", to_char(timezone('UTC', r."submitted_at") + interval '8 hours', 'YYYY-MM'), r."category",
    r."channel", r."status";--> statement-breakpoint
INSERT INTO "service_figures_centre" ("centre_id", "status", "city_code", "county_code", "park_id", "records", "rated")
  SELECT "centre_id", "status", min("city_code"), min("county_code"), min("park_id"), sum("records"), sum("rated")
  FROM "service_figures_month" GROUP BY "centre_id", "status";
