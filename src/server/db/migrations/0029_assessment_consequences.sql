CREATE TABLE "assessment_consequences" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"centre_id" integer NOT NULL,
	"operator_id" integer,
	"year" smallint NOT NULL,
	"cycle_id" integer NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"article" text NOT NULL,
	"basis" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"confirm_comment" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_consequences_kind_centre_year" UNIQUE("kind","centre_id","year")
);
--> statement-breakpoint
ALTER TABLE "assessment_consequences" ADD CONSTRAINT "assessment_consequences_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_consequences" ADD CONSTRAINT "assessment_consequences_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_consequences" ADD CONSTRAINT "assessment_consequences_cycle_id_assessment_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."assessment_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_consequences" ADD CONSTRAINT "assessment_consequences_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_consequences_operator_idx" ON "assessment_consequences" USING btree ("operator_id","kind","year");--> statement-breakpoint
CREATE INDEX "assessment_consequences_city_idx" ON "assessment_consequences" USING btree ("city_code","year");