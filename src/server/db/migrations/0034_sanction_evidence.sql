ALTER TABLE "attachments" DROP CONSTRAINT "attachments_one_owner";--> statement-breakpoint
ALTER TABLE "attachments" ALTER COLUMN "centre_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "sanction_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_sanction_id_sanctions_id_fk" FOREIGN KEY ("sanction_id") REFERENCES "public"."sanctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_sanction_idx" ON "attachments" USING btree ("sanction_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_owner" CHECK (num_nonnulls(engagement_id, service_record_id, activity_id, assessment_submission_id, assessment_inspection_id, sanction_id) <= 1 and (event_id is null or num_nonnulls(engagement_id, service_record_id, activity_id, assessment_submission_id, assessment_inspection_id, sanction_id) = 0) and num_nonnulls(centre_id, sanction_id) = 1);