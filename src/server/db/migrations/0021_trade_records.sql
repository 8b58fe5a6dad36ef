CREATE TABLE "exchange_rates" (
	"month" char(7) NOT NULL,
	"currency" char(3) NOT NULL,
	"cny_per_unit" numeric(18, 6) NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "exchange_rates_month_currency_pk" PRIMARY KEY("month","currency")
);
--> statement-breakpoint
CREATE TABLE "trade_declaration_lines" (
	"declaration_id" bigint NOT NULL,
	"line_no" smallint NOT NULL,
	"enterprise_id" integer NOT NULL,
	"commodity_code" char(10) NOT NULL,
	"hs_chapter" char(2) NOT NULL,
	"goods_name" text NOT NULL,
	"quantity" numeric(19, 5) NOT NULL,
	"unit" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"amount_cny_fen" bigint NOT NULL,
	"amount_usd_cent" bigint NOT NULL,
	CONSTRAINT "trade_declaration_lines_declaration_id_line_no_pk" PRIMARY KEY("declaration_id","line_no")
);
--> statement-breakpoint
CREATE TABLE "trade_declarations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"declaration_no" char(18) NOT NULL,
	"enterprise_id" integer NOT NULL,
	"city_code" varchar(6) NOT NULL,
	"county_code" varchar(6) NOT NULL,
	"park_id" integer,
	"direction" text NOT NULL,
	"declared_on" date NOT NULL,
	"month" char(7) NOT NULL,
	"trade_mode" char(4) NOT NULL,
	"country" char(2) NOT NULL,
	"currency" char(3) NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"amount_cny_fen" bigint NOT NULL,
	"amount_usd_cent" bigint NOT NULL,
	"line_count" smallint NOT NULL,
	"order_no" text,
	"foreign_customer" text,
	"source" text NOT NULL,
	"intake_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_intakes" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"channel" text NOT NULL,
	"user_id" integer,
	"file_name" text,
	"idempotency_key" text,
	"request_hash" char(64),
	"status" text NOT NULL,
	"declarations" integer DEFAULT 0 NOT NULL,
	"lines" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_declaration_lines" ADD CONSTRAINT "trade_declaration_lines_declaration_id_trade_declarations_id_fk" FOREIGN KEY ("declaration_id") REFERENCES "public"."trade_declarations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_declarations" ADD CONSTRAINT "trade_declarations_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_declarations" ADD CONSTRAINT "trade_declarations_intake_id_trade_intakes_id_fk" FOREIGN KEY ("intake_id") REFERENCES "public"."trade_intakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_declarations" ADD CONSTRAINT "trade_declarations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_intakes" ADD CONSTRAINT "trade_intakes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trade_declarations_no_idx" ON "trade_declarations" USING btree ("declaration_no");--> statement-breakpoint
CREATE INDEX "trade_declarations_enterprise_idx" ON "trade_declarations" USING btree ("enterprise_id","declared_on");--> statement-breakpoint
CREATE INDEX "trade_declarations_city_idx" ON "trade_declarations" USING btree ("city_code","declared_on");--> statement-breakpoint
CREATE INDEX "trade_declarations_county_idx" ON "trade_declarations" USING btree ("county_code","declared_on");--> statement-breakpoint
CREATE INDEX "trade_declarations_day_idx" ON "trade_declarations" USING btree ("declared_on");--> statement-breakpoint
CREATE UNIQUE INDEX "trade_intakes_idempotency_idx" ON "trade_intakes" USING btree ("user_id","idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "trade_intakes_user_idx" ON "trade_intakes" USING btree ("user_id","created_at");