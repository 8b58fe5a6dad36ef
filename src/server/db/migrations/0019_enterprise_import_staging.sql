CREATE TABLE "enterprise_import_rows" (
	"job_id" integer NOT NULL,
	"row" integer NOT NULL,
	"credit_code" varchar(18) NOT NULL,
	"name" text NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"park_id" integer,
	"contact_person" text NOT NULL,
	"contact_phone" text NOT NULL,
	"contact_email" text,
	"has_trade_record" boolean NOT NULL,
	"first_trade_on" date,
	CONSTRAINT "enterprise_import_rows_job_id_row_pk" PRIMARY KEY("job_id","row")
);
--> statement-breakpoint
ALTER TABLE "enterprise_import_rows" ADD CONSTRAINT "enterprise_import_rows_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;