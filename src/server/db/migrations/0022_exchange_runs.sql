CREATE TABLE "exchange_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" char(64) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "exchange_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"format_version" text NOT NULL,
	"status" text NOT NULL,
	"user_id" integer,
	"actor_name" text,
	"centre_id" integer,
	"county_code" varchar(6),
	"city_code" varchar(6),
	"params" jsonb,
	"input_file_id" integer,
	"output_file_id" integer,
	"message_id" text,
	"summary" jsonb NOT NULL,
	"issues" jsonb NOT NULL,
	"intake_id" integer,
	"record_id" integer,
	"rerun_of" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_status_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"system" text NOT NULL,
	"record_id" integer NOT NULL,
	"status_code" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"run_id" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_input_file_id_exchange_files_id_fk" FOREIGN KEY ("input_file_id") REFERENCES "public"."exchange_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_output_file_id_exchange_files_id_fk" FOREIGN KEY ("output_file_id") REFERENCES "public"."exchange_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_intake_id_trade_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."trade_intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_runs" ADD CONSTRAINT "exchange_runs_record_id_service_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."service_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_status_events" ADD CONSTRAINT "exchange_status_events_record_id_service_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."service_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "exchange_runs_created_idx" ON "exchange_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "exchange_runs_centre_idx" ON "exchange_runs" USING btree ("centre_id","created_at");--> statement-breakpoint
CREATE INDEX "exchange_runs_county_idx" ON "exchange_runs" USING btree ("county_code","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_runs_message_idx" ON "exchange_runs" USING btree ("system","kind","message_id") WHERE message_id is not null and status = 'succeeded';--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_status_events_key" ON "exchange_status_events" USING btree ("system","record_id","status_code","status_at");