CREATE TABLE "operator_violations" (
	"id" serial PRIMARY KEY NOT NULL,
	"operator_id" integer NOT NULL,
	"occurred_on" date NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"recorded_by" integer,
	"recorded_by_name" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "operators" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"legal_rep_name" text NOT NULL,
	"legal_rep_id_enc" text NOT NULL,
	"legal_rep_id_masked" text NOT NULL,
	"trade_registration" text NOT NULL,
	"capabilities" jsonb NOT NULL,
	"premises" text NOT NULL,
	"contact_phone" text NOT NULL,
	"qualification_status" text DEFAULT 'qualified' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operators_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
ALTER TABLE "operator_violations" ADD CONSTRAINT "operator_violations_operator_id_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_violations" ADD CONSTRAINT "operator_violations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operators" ADD CONSTRAINT "operators_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "operator_violations_operator_idx" ON "operator_violations" USING btree ("operator_id","occurred_on");