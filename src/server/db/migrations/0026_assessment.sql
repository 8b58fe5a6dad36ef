CREATE TABLE "assessment_cycles" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"notice" text NOT NULL,
	"system_id" integer NOT NULL,
	"submission_due" date NOT NULL,
	"prereview_due" date NOT NULL,
	"evaluation_due" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"policy_version" integer NOT NULL,
	"opened_by" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_cycles_year_unique" UNIQUE("year")
);
--> statement-breakpoint
CREATE TABLE "assessment_inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"inspected_on" date NOT NULL,
	"people_met" text NOT NULL,
	"findings" text NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_results" (
	"centre_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"cycle_id" integer NOT NULL,
	"submission_id" integer NOT NULL,
	"operator_id" integer,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"total" numeric(6, 2) NOT NULL,
	"grade" text NOT NULL,
	"policy_version" integer NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessment_results_centre_id_year_pk" PRIMARY KEY("centre_id","year")
);
--> statement-breakpoint
CREATE TABLE "assessment_scores" (
	"submission_id" integer NOT NULL,
	"indicator_key" text NOT NULL,
	"score" numeric(6, 2) NOT NULL,
	"remark" text NOT NULL,
	"scored_by" integer,
	"scored_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_scores_submission_id_indicator_key_pk" PRIMARY KEY("submission_id","indicator_key")
);
--> statement-breakpoint
CREATE TABLE "assessment_submission_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"submission_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"actor_id" integer,
	"actor_role" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer NOT NULL,
	"operator_id" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"metrics" jsonb,
	"metrics_computed_at" timestamp with time zone,
	"statement" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"reopened_until" date,
	"prereview_decision" text,
	"prereview_reason" text,
	"prereviewed_by" integer,
	"prereviewed_at" timestamp with time zone,
	"agency_id" integer,
	"assigned_at" timestamp with time zone,
	"scored_by" integer,
	"scored_at" timestamp with time zone,
	"total" numeric(6, 2),
	"grade" text,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_submissions_cycle_centre" UNIQUE("cycle_id","centre_id")
);
--> statement-breakpoint
CREATE TABLE "evaluation_agencies" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" varchar(18),
	"contact" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_agencies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "indicator_systems" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"year" smallint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"based_on" integer,
	"body" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"frozen_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" DROP CONSTRAINT "attachments_one_owner";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "assessment_submission_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "assessment_inspection_id" integer;--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_system_id_indicator_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."indicator_systems"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_cycles" ADD CONSTRAINT "assessment_cycles_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_inspections" ADD CONSTRAINT "assessment_inspections_submission_id_assessment_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."assessment_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_inspections" ADD CONSTRAINT "assessment_inspections_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_inspections" ADD CONSTRAINT "assessment_inspections_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_submission_id_assessment_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."assessment_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_results" ADD CONSTRAINT "assessment_results_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_submission_id_assessment_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."assessment_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_scored_by_users_id_fk" FOREIGN KEY ("scored_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submission_events" ADD CONSTRAINT "assessment_submission_events_submission_id_assessment_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."assessment_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submission_events" ADD CONSTRAINT "assessment_submission_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_prereviewed_by_users_id_fk" FOREIGN KEY ("prereviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_agency_id_evaluation_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."evaluation_agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_scored_by_users_id_fk" FOREIGN KEY ("scored_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_submissions" ADD CONSTRAINT "assessment_submissions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_systems" ADD CONSTRAINT "indicator_systems_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_inspections_submission_idx" ON "assessment_inspections" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "assessment_results_operator_idx" ON "assessment_results" USING btree ("operator_id","year");--> statement-breakpoint
CREATE INDEX "assessment_submission_events_submission_idx" ON "assessment_submission_events" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "assessment_submissions_centre_idx" ON "assessment_submissions" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "assessment_submissions_city_idx" ON "assessment_submissions" USING btree ("city_code","cycle_id");--> statement-breakpoint
CREATE INDEX "assessment_submissions_agency_idx" ON "assessment_submissions" USING btree ("agency_id","cycle_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_assessment_submission_id_assessment_submissions_id_fk" FOREIGN KEY ("assessment_submission_id") REFERENCES "public"."assessment_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_assessment_inspection_id_assessment_inspections_id_fk" FOREIGN KEY ("assessment_inspection_id") REFERENCES "public"."assessment_inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_assessment_submission_idx" ON "attachments" USING btree ("assessment_submission_id");--> statement-breakpoint
CREATE INDEX "attachments_assessment_inspection_idx" ON "attachments" USING btree ("assessment_inspection_id");--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_one_owner" CHECK (num_nonnulls(engagement_id, service_record_id, activity_id, assessment_submission_id, assessment_inspection_id) <= 1 and (event_id is null or num_nonnulls(engagement_id, service_record_id, activity_id, assessment_submission_id, assessment_inspection_id) = 0));