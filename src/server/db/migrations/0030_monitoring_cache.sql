CREATE TABLE "figures_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "trade_figures_enterprise_total_year_idx";--> statement-breakpoint
CREATE INDEX "trade_figures_enterprise_total_year_city_idx" ON "trade_figures_enterprise_total" USING btree ("year","city_code");--> statement-breakpoint
CREATE INDEX "trade_figures_enterprise_total_year_county_idx" ON "trade_figures_enterprise_total" USING btree ("year","county_code");--> statement-breakpoint
-- Hand-written (decision 0031): the trade figures' data version starts at 0; writers increment it, never insert it.
INSERT INTO "figures_versions" ("name", "version") VALUES ('trade', 0) ON CONFLICT DO NOTHING;
