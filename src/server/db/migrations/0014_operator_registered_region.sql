ALTER TABLE "operators" ADD COLUMN "registered_region_code" varchar(6) DEFAULT '420000' NOT NULL;--> statement-breakpoint
-- hand-written:
-- Existing operators were registered by the official in created_by: their region, the province's when unknown.
UPDATE "operators" SET "registered_region_code" = u."region_code"
  FROM "users" u WHERE u."id" = "operators"."created_by" AND u."region_code" IS NOT NULL;
