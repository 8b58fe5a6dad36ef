CREATE TABLE "centre_staff" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"name" text NOT NULL,
	"trade_years" numeric(4, 1) NOT NULL,
	"customs_declarant" boolean NOT NULL,
	"foreign_language" boolean NOT NULL,
	"social_insurance_proof" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "centre_staff" ADD CONSTRAINT "centre_staff_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centre_staff_centre_idx" ON "centre_staff" USING btree ("centre_id");