CREATE TABLE "centre_condition_status" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"condition" text NOT NULL,
	"failing_since" date NOT NULL,
	"resolved_on" date,
	"last_verdict" jsonb NOT NULL,
	"history" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_policy_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"title" text NOT NULL,
	"document_number" text NOT NULL,
	"effective_from" date NOT NULL,
	"parameters" jsonb NOT NULL,
	"checked_against_version" integer NOT NULL,
	"published_by" integer,
	"published_by_name" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "centre_condition_status" ADD CONSTRAINT "centre_condition_status_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_policy_rules" ADD CONSTRAINT "city_policy_rules_city_code_regions_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "city_policy_rules" ADD CONSTRAINT "city_policy_rules_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "centre_condition_status_open_uq" ON "centre_condition_status" USING btree ("centre_id","condition") WHERE "centre_condition_status"."resolved_on" is null;--> statement-breakpoint
CREATE INDEX "centre_condition_status_since_idx" ON "centre_condition_status" USING btree ("failing_since");--> statement-breakpoint
CREATE INDEX "city_policy_rules_city_idx" ON "city_policy_rules" USING btree ("city_code","effective_from");