CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "attachments_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "chi_categories" (
	"code" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"sort" integer NOT NULL,
	"label_kk" text NOT NULL,
	"label_ru" text NOT NULL,
	"label_en" text NOT NULL,
	"category_label_kk" text NOT NULL,
	"category_label_ru" text NOT NULL,
	"category_label_en" text NOT NULL,
	"violence_types" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" text,
	"channel" text NOT NULL,
	"region_code" text,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"duration_seconds" integer,
	"caller_type" text NOT NULL,
	"child_person_id" uuid,
	"child_first_name" text,
	"child_approx_age" integer,
	"child_sex" text,
	"chi_code" text NOT NULL,
	"screening" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"outcome" text NOT NULL,
	"report_id" uuid,
	"summary" text,
	"operator_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "contacts_client_id_unique" UNIQUE("client_id")
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"rows" integer NOT NULL,
	"created" integer NOT NULL,
	"skipped" integer NOT NULL,
	"errors" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_articles" (
	"code" text NOT NULL,
	"article" text NOT NULL,
	"title_kk" text NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "legal_articles_code_article_pk" PRIMARY KEY("code","article")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "closed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_child_person_id_persons_id_fk" FOREIGN KEY ("child_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_chi_code_chi_categories_code_fk" FOREIGN KEY ("chi_code") REFERENCES "public"."chi_categories"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_report_idx" ON "attachments" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "contacts_started_idx" ON "contacts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "contacts_operator_idx" ON "contacts" USING btree ("operator_id","started_at");