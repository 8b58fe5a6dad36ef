DROP INDEX "service_records_enterprise_idx";--> statement-breakpoint
DROP INDEX "service_records_county_idx";--> statement-breakpoint
DROP INDEX "service_records_city_idx";--> statement-breakpoint
DROP INDEX "service_records_submitted_idx";--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "rating_level" text;--> statement-breakpoint
-- hand-written:
-- Every record rated so far gets its rating's level (decision 0017), before the new indexes are built, so that the
-- update does not maintain them row by row and the partial index of the unrated starts from the backfilled column.
UPDATE "service_records" SET "rating_level" = g."level"
  FROM "service_ratings" g WHERE g."record_id" = "service_records"."id";--> statement-breakpoint
CREATE INDEX "service_records_park_idx" ON "service_records" USING btree ("park_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_records_centre_list_idx" ON "service_records" USING btree ("centre_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_records_unrated_idx" ON "service_records" USING btree ("centre_id","submitted_at","id") WHERE "service_records"."status" = 'completed' and "service_records"."rating_level" is null;--> statement-breakpoint
CREATE INDEX "service_records_enterprise_idx" ON "service_records" USING btree ("enterprise_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_records_county_idx" ON "service_records" USING btree ("county_code","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_records_city_idx" ON "service_records" USING btree ("city_code","submitted_at","id");--> statement-breakpoint
CREATE INDEX "service_records_submitted_idx" ON "service_records" USING btree ("submitted_at","id");