CREATE TABLE "service_figures_status" (
	"centre_id" integer NOT NULL,
	"month" char(7) NOT NULL,
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
	CONSTRAINT "service_figures_status_centre_id_month_status_pk" PRIMARY KEY("centre_id","month","status")
);
--> statement-breakpoint
CREATE INDEX "service_figures_status_city_idx" ON "service_figures_status" USING btree ("city_code","month");--> statement-breakpoint
CREATE INDEX "service_figures_status_county_idx" ON "service_figures_status" USING btree ("county_code","month");--> statement-breakpoint
CREATE INDEX "service_figures_status_month_idx" ON "service_figures_status" USING btree ("month");--> statement-breakpoint
-- hand-written:
-- The status table starts from the month table (decision 0019): the month rows summed over category and channel,
-- as rebuildFigures fills it (src/server/modules/figures/recompute.ts STATUS_FROM_MONTH_SQL).
INSERT INTO "service_figures_status" ("centre_id", "month", "status", "city_code", "county_code", "park_id", "records",
    "rated", "response_ms", "responded", "completion_ms", "completed_timed", "lv_very_satisfied", "lv_satisfied",
    "lv_basic", "lv_dissatisfied", "lv_very_dissatisfied")
  SELECT "centre_id", "month", "status", min("city_code"), min("county_code"), min("park_id"), sum("records"),
    sum("rated"), sum("response_ms"), sum("responded"), sum("completion_ms"), sum("completed_timed"),
    sum("lv_very_satisfied"), sum("lv_satisfied"), sum("lv_basic"), sum("lv_dissatisfied"), sum("lv_very_dissatisfied")
  FROM "service_figures_month" GROUP BY "centre_id", "month", "status";
