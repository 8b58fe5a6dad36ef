CREATE TABLE "centre_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"kind" text NOT NULL,
	"origin" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"adjustment" jsonb,
	"decision_comment" text,
	"decision_letter_id" integer,
	"requested_by" integer,
	"requested_by_name" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "centre_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"comment" text,
	"actor_id" integer,
	"actor_name" text,
	"actor_role" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"park_id" integer NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"venue_address" text NOT NULL,
	"venue_area" numeric(10, 2) NOT NULL,
	"venue_provision" text NOT NULL,
	"venue_free" boolean NOT NULL,
	"reasons" text NOT NULL,
	"services" jsonb NOT NULL,
	"contact_person" text NOT NULL,
	"contact_phone" text NOT NULL,
	"trading_enterprise_count" integer,
	"support_statement" text,
	"submitted_at" timestamp with time zone,
	"recognised_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"approval_policy_version" integer,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_letters" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"serial" integer NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"centre_id" integer NOT NULL,
	"change_id" integer,
	"issued_on" date NOT NULL,
	"reason" text NOT NULL,
	"legal_basis" text NOT NULL,
	"issued_by" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_letters_number_unique" UNIQUE("number"),
	CONSTRAINT "decision_letters_year_serial" UNIQUE("year","serial")
);
--> statement-breakpoint
ALTER TABLE "centre_changes" ADD CONSTRAINT "centre_changes_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_changes" ADD CONSTRAINT "centre_changes_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_events" ADD CONSTRAINT "centre_events_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_events" ADD CONSTRAINT "centre_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_park_id_parks_id_fk" FOREIGN KEY ("park_id") REFERENCES "public"."parks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_city_code_regions_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_letters" ADD CONSTRAINT "decision_letters_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centre_changes_centre_idx" ON "centre_changes" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "centre_events_centre_idx" ON "centre_events" USING btree ("centre_id","at");--> statement-breakpoint
CREATE INDEX "centres_city_idx" ON "centres" USING btree ("city_code","status");--> statement-breakpoint
CREATE INDEX "centres_county_idx" ON "centres" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "centres_park_idx" ON "centres" USING btree ("park_id","status");