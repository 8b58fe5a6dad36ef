CREATE TABLE "operator_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"engagement_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"incoming_operator_id" integer,
	"status" text NOT NULL,
	"cause" text NOT NULL,
	"changed_on" date NOT NULL,
	"applied_on" date NOT NULL,
	"deadline" date NOT NULL,
	"reason" text NOT NULL,
	"handover" jsonb NOT NULL,
	"served_from" date NOT NULL,
	"served_to" date NOT NULL,
	"evaluation_result" text NOT NULL,
	"evaluation_note" text NOT NULL,
	"forward_comment" text,
	"decision_comment" text,
	"applied_by" integer,
	"applied_by_name" text,
	"decided_at" timestamp with time zone,
	"policy_version" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "operator_changes" ADD CONSTRAINT "operator_changes_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_changes" ADD CONSTRAINT "operator_changes_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_changes" ADD CONSTRAINT "operator_changes_county_code_regions_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_changes" ADD CONSTRAINT "operator_changes_city_code_regions_code_fk" FOREIGN KEY ("city_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_changes" ADD CONSTRAINT "operator_changes_incoming_operator_id_operators_id_fk" FOREIGN KEY ("incoming_operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_changes" ADD CONSTRAINT "operator_changes_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "operator_changes_one_open" ON "operator_changes" USING btree ("engagement_id") WHERE status in ('submitted', 'forwarded');--> statement-breakpoint
CREATE INDEX "operator_changes_city_idx" ON "operator_changes" USING btree ("city_code","status");--> statement-breakpoint
CREATE INDEX "operator_changes_county_idx" ON "operator_changes" USING btree ("county_code","status");