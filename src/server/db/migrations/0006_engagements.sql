CREATE TABLE "annual_contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"engagement_id" integer NOT NULL,
	"year" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"contract_number" text NOT NULL,
	"signed_on" date NOT NULL,
	"amount" numeric(14, 2),
	"evaluation" text DEFAULT 'pending' NOT NULL,
	"evaluated_on" date,
	"evaluation_note" text,
	"recorded_by" integer,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "annual_contracts_engagement_year" UNIQUE("engagement_id","year")
);
--> statement-breakpoint
CREATE TABLE "engagement_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"engagement_id" integer NOT NULL,
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
CREATE TABLE "engagements" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"operator_id" integer NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"status" text NOT NULL,
	"project_number" text NOT NULL,
	"method" text NOT NULL,
	"method_note" text,
	"announced_on" date NOT NULL,
	"awarded_on" date NOT NULL,
	"bidders" jsonb NOT NULL,
	"contract_amount" numeric(14, 2),
	"service_start" date NOT NULL,
	"service_end" date NOT NULL,
	"checklist" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signed_on" date,
	"agreement_number" text,
	"county_party" text,
	"park_party" text,
	"fund_scope" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filing_deadline" date,
	"reported_on" date,
	"filed_on" date,
	"filing_number" text,
	"ended_on" date,
	"end_reason" text,
	"policy_version" integer NOT NULL,
	"created_by" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagements_filing_number_unique" UNIQUE("filing_number")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "engagement_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "annual_contracts" ADD CONSTRAINT "annual_contracts_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "annual_contracts" ADD CONSTRAINT "annual_contracts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_events" ADD CONSTRAINT "engagement_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_city_code_regions_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "engagement_events_engagement_idx" ON "engagement_events" USING btree ("engagement_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_one_current_per_centre" ON "engagements" USING btree ("centre_id") WHERE status <> 'ended';--> statement-breakpoint
CREATE INDEX "engagements_city_idx" ON "engagements" USING btree ("city_code","status");--> statement-breakpoint
CREATE INDEX "engagements_county_idx" ON "engagements" USING btree ("county_code","status");--> statement-breakpoint
CREATE INDEX "engagements_operator_idx" ON "engagements" USING btree ("operator_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_engagement_idx" ON "attachments" USING btree ("engagement_id");