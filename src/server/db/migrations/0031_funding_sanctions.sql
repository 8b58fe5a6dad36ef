CREATE TABLE "fund_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"entitlement_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"operator_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"note" text,
	"status" text NOT NULL,
	"recorded_by" integer,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"confirmed_by" integer,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"voucher_number" text,
	"voucher_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "fund_payments_positive" CHECK (amount_fen > 0),
	CONSTRAINT "fund_payments_four_eyes" CHECK (confirmed_by is null or recorded_by is null or confirmed_by <> recorded_by)
);
--> statement-breakpoint
CREATE TABLE "fund_recoveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"payment_id" integer NOT NULL,
	"sanction_id" integer NOT NULL,
	"operator_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"due_fen" bigint NOT NULL,
	"recovered_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "fund_recoveries_payment" UNIQUE("payment_id"),
	CONSTRAINT "fund_recoveries_amounts" CHECK (recovered_fen >= 0 and recovered_fen <= due_fen)
);
--> statement-breakpoint
CREATE TABLE "fund_recovery_receipts" (
	"id" serial PRIMARY KEY NOT NULL,
	"recovery_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"received_on" date NOT NULL,
	"voucher_number" text NOT NULL,
	"recorded_by" integer,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_use_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"entitlement_id" integer NOT NULL,
	"centre_id" integer NOT NULL,
	"operator_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"lines" jsonb NOT NULL,
	"total_fen" bigint NOT NULL,
	"outside_scope_fen" bigint NOT NULL,
	"note" text,
	"submitted_by" integer,
	"submitted_by_name" text,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funding_entitlements" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"operator_id" integer NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"status" text NOT NULL,
	"amount_fen" bigint DEFAULT 0 NOT NULL,
	"withheld_fen" bigint DEFAULT 0 NOT NULL,
	"policy_version" integer NOT NULL,
	"computation" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "funding_entitlements_centre_year_operator" UNIQUE("centre_id","year","operator_id"),
	CONSTRAINT "funding_entitlements_amounts" CHECK (amount_fen >= 0 and withheld_fen >= 0)
);
--> statement-breakpoint
CREATE TABLE "funding_figures" (
	"centre_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"due_fen" bigint DEFAULT 0 NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"withheld_fen" bigint DEFAULT 0 NOT NULL,
	"to_recover_fen" bigint DEFAULT 0 NOT NULL,
	"recovered_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "funding_figures_centre_id_year_pk" PRIMARY KEY("centre_id","year")
);
--> statement-breakpoint
CREATE TABLE "matching_funds" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"source" text NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"amount_fen" bigint NOT NULL,
	"document_number" text NOT NULL,
	"granted_on" date NOT NULL,
	"note" text,
	"recorded_by" integer,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "matching_funds_positive" CHECK (amount_fen > 0)
);
--> statement-breakpoint
CREATE TABLE "sanctions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"operator_id" integer NOT NULL,
	"grounds" jsonb NOT NULL,
	"facts" text NOT NULL,
	"decided_on" date NOT NULL,
	"effective_on" date NOT NULL,
	"letter_year" integer NOT NULL,
	"letter_serial" integer NOT NULL,
	"letter_number" text NOT NULL,
	"consequence_id" integer,
	"policy_version" integer NOT NULL,
	"effects" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_by" integer,
	"decided_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sanctions_letter_number_unique" UNIQUE("letter_number"),
	CONSTRAINT "sanctions_letter_year_serial" UNIQUE("letter_year","letter_serial")
);
--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_entitlement_id_funding_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."funding_entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recoveries" ADD CONSTRAINT "fund_recoveries_payment_id_fund_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."fund_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recoveries" ADD CONSTRAINT "fund_recoveries_sanction_id_sanctions_id_fk" FOREIGN KEY ("sanction_id") REFERENCES "public"."sanctions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recoveries" ADD CONSTRAINT "fund_recoveries_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recoveries" ADD CONSTRAINT "fund_recoveries_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recovery_receipts" ADD CONSTRAINT "fund_recovery_receipts_recovery_id_fund_recoveries_id_fk" FOREIGN KEY ("recovery_id") REFERENCES "public"."fund_recoveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recovery_receipts" ADD CONSTRAINT "fund_recovery_receipts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_use_reports" ADD CONSTRAINT "fund_use_reports_entitlement_id_funding_entitlements_id_fk" FOREIGN KEY ("entitlement_id") REFERENCES "public"."funding_entitlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_use_reports" ADD CONSTRAINT "fund_use_reports_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_use_reports" ADD CONSTRAINT "fund_use_reports_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_use_reports" ADD CONSTRAINT "fund_use_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_entitlements" ADD CONSTRAINT "funding_entitlements_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_entitlements" ADD CONSTRAINT "funding_entitlements_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding_figures" ADD CONSTRAINT "funding_figures_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_funds" ADD CONSTRAINT "matching_funds_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_funds" ADD CONSTRAINT "matching_funds_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_consequence_id_assessment_consequences_id_fk" FOREIGN KEY ("consequence_id") REFERENCES "public"."assessment_consequences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sanctions" ADD CONSTRAINT "sanctions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_payments_entitlement_idx" ON "fund_payments" USING btree ("entitlement_id");--> statement-breakpoint
CREATE INDEX "fund_payments_operator_idx" ON "fund_payments" USING btree ("operator_id","status");--> statement-breakpoint
CREATE INDEX "fund_payments_city_year_idx" ON "fund_payments" USING btree ("city_code","year");--> statement-breakpoint
CREATE INDEX "fund_recoveries_operator_idx" ON "fund_recoveries" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "fund_use_reports_entitlement_idx" ON "fund_use_reports" USING btree ("entitlement_id");--> statement-breakpoint
CREATE INDEX "funding_entitlements_city_year_idx" ON "funding_entitlements" USING btree ("city_code","year");--> statement-breakpoint
CREATE INDEX "funding_entitlements_operator_idx" ON "funding_entitlements" USING btree ("operator_id","year");--> statement-breakpoint
CREATE INDEX "funding_figures_city_year_idx" ON "funding_figures" USING btree ("city_code","year");--> statement-breakpoint
CREATE INDEX "matching_funds_centre_year_idx" ON "matching_funds" USING btree ("centre_id","year");--> statement-breakpoint
CREATE INDEX "sanctions_operator_idx" ON "sanctions" USING btree ("operator_id");--> statement-breakpoint
-- Issue 15: the two parameters added to every version (decision 0033). Version 1 (and any stored version without
-- them) takes the shipped defaults: funding share by grade 100/90/80/0 percent (Art. 11, 12(三)), 30 days before a
-- centre that fails its conditions is listed (Art. 9(四)).
UPDATE "policy_versions" SET "parameters" = '{"gradeFundingShares":{"excellent":100,"good":90,"fair":80,"poor":0},"conditionFailureDays":30}'::jsonb || "parameters" WHERE "parameters" -> 'gradeFundingShares' IS NULL;
