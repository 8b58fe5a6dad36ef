-- The distribution key on the two tables that lacked it (docs/deployment.md §3, issue 12): service_progress and
-- activity_enterprises carry their record's / activity's centre. Added empty, filled from the parent row, then
-- required; every writer sets it from here on.
ALTER TABLE "activity_enterprises" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "service_progress" ADD COLUMN "centre_id" integer;--> statement-breakpoint
UPDATE "activity_enterprises" ae SET "centre_id" = a."centre_id" FROM "activities" a WHERE a."id" = ae."activity_id";--> statement-breakpoint
UPDATE "service_progress" p SET "centre_id" = r."centre_id" FROM "service_records" r WHERE r."id" = p."record_id";--> statement-breakpoint
ALTER TABLE "activity_enterprises" ALTER COLUMN "centre_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "service_progress" ALTER COLUMN "centre_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_enterprises" ADD CONSTRAINT "activity_enterprises_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_progress" ADD CONSTRAINT "service_progress_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;
