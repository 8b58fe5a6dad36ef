ALTER TABLE "attachments" ADD COLUMN "service_record_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "activity_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_service_record_id_service_records_id_fk" FOREIGN KEY ("service_record_id") REFERENCES "public"."service_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_service_record_idx" ON "attachments" USING btree ("service_record_id");--> statement-breakpoint
CREATE INDEX "attachments_activity_idx" ON "attachments" USING btree ("activity_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_owner" CHECK (num_nonnulls(engagement_id, service_record_id, activity_id) <= 1 and (event_id is null or num_nonnulls(engagement_id, service_record_id, activity_id) = 0));--> statement-breakpoint
-- hand-written:
-- One table for every uploaded file (docs/decisions/0013-one-attachment-table.md): the files of service records and
-- of activities move into "attachments" with the centre of their record, keeping the storage key (the bytes stay
-- where they are in the file store), the name, type, size, SHA-256, uploader and time. They get new ids in the one
-- table; the audit entries written before still find them by their record and SHA-256.
INSERT INTO "attachments" ("centre_id", "service_record_id", "file_name", "content_type", "size", "sha256",
    "storage_key", "uploaded_by", "uploaded_by_name", "uploaded_at")
  SELECT r."centre_id", a."record_id", a."file_name", a."content_type", a."size", a."sha256",
    a."storage_key", a."uploaded_by", a."uploaded_by_name", a."uploaded_at"
  FROM "service_attachments" a JOIN "service_records" r ON r."id" = a."record_id"
  ORDER BY a."id";--> statement-breakpoint
INSERT INTO "attachments" ("centre_id", "activity_id", "file_name", "content_type", "size", "sha256",
    "storage_key", "uploaded_by", "uploaded_by_name", "uploaded_at")
  SELECT v."centre_id", a."activity_id", a."file_name", a."content_type", a."size", a."sha256",
    a."storage_key", a."uploaded_by", a."uploaded_by_name", a."uploaded_at"
  FROM "activity_attachments" a JOIN "activities" v ON v."id" = a."activity_id"
  ORDER BY a."id";--> statement-breakpoint
-- drizzle-kit put these four generated statements first; they run here, after the copy, so that no file's row is
-- dropped before it has moved.
ALTER TABLE "activity_attachments" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_attachments" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "activity_attachments" CASCADE;--> statement-breakpoint
DROP TABLE "service_attachments" CASCADE;
