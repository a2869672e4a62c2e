CREATE TABLE "concern_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"concern_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"at" timestamp (3) with time zone NOT NULL,
	"user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"grade" text,
	"categories" text[] NOT NULL,
	"observed_at" timestamp (3) with time zone NOT NULL,
	"description" text NOT NULL,
	"child_words" text,
	"body_map" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"reviewer_id" uuid,
	"report_id" uuid,
	"closed_at" timestamp (3) with time zone,
	"close_reason" text
);
--> statement-breakpoint
CREATE TABLE "prevention_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"organiser" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "prevention_programmes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "prevention_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"school_id" uuid,
	"region_code" text NOT NULL,
	"district_code" text NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"facilitator_type" text NOT NULL,
	"facilitator_name" text,
	"participants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"participants_total" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specialists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"full_name" text NOT NULL,
	"fte" double precision NOT NULL,
	"user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "specialists_fte_range" CHECK ("specialists"."fte" > 0 and "specialists"."fte" <= 2)
);
--> statement-breakpoint
CREATE TABLE "training_participants" (
	"training_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	CONSTRAINT "training_participants_training_id_specialist_id_pk" PRIMARY KEY("training_id","specialist_id")
);
--> statement-breakpoint
CREATE TABLE "trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"hours" double precision NOT NULL,
	"organiser" text,
	"region_code" text NOT NULL,
	"district_code" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"programme_id" uuid,
	"school_id" uuid,
	"region_code" text NOT NULL,
	"district_code" text NOT NULL,
	"members" integer NOT NULL,
	"leader" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workforce_norms" (
	"kind" text PRIMARY KEY NOT NULL,
	"students_per_fte" integer NOT NULL,
	"cases_per_fte" integer,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "settlement_code" text;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "lon" double precision;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "schools" ADD COLUMN "updated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "concern_actions" ADD CONSTRAINT "concern_actions_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_sessions" ADD CONSTRAINT "prevention_sessions_programme_id_prevention_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."prevention_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_sessions" ADD CONSTRAINT "prevention_sessions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_sessions" ADD CONSTRAINT "prevention_sessions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prevention_sessions" ADD CONSTRAINT "prevention_sessions_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialists" ADD CONSTRAINT "specialists_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialists" ADD CONSTRAINT "specialists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_specialist_id_specialists_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."specialists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_programme_id_prevention_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."prevention_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_groups" ADD CONSTRAINT "volunteer_groups_programme_id_prevention_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."prevention_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_groups" ADD CONSTRAINT "volunteer_groups_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_groups" ADD CONSTRAINT "volunteer_groups_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_groups" ADD CONSTRAINT "volunteer_groups_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concern_actions_concern_idx" ON "concern_actions" USING btree ("concern_id","id");--> statement-breakpoint
CREATE INDEX "concerns_school_idx" ON "concerns" USING btree ("school_id","created_at");--> statement-breakpoint
CREATE INDEX "concerns_person_idx" ON "concerns" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "concerns_author_idx" ON "concerns" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "prevention_sessions_school_idx" ON "prevention_sessions" USING btree ("school_id","held_on");--> statement-breakpoint
CREATE INDEX "prevention_sessions_region_idx" ON "prevention_sessions" USING btree ("region_code","held_on");--> statement-breakpoint
CREATE INDEX "prevention_sessions_programme_idx" ON "prevention_sessions" USING btree ("programme_id","held_on");--> statement-breakpoint
CREATE INDEX "specialists_school_idx" ON "specialists" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "training_participants_specialist_idx" ON "training_participants" USING btree ("specialist_id");--> statement-breakpoint
CREATE INDEX "trainings_region_idx" ON "trainings" USING btree ("region_code","held_on");--> statement-breakpoint
CREATE INDEX "volunteer_groups_region_idx" ON "volunteer_groups" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "schools_region_idx" ON "schools" USING btree ("region_code");--> statement-breakpoint
INSERT INTO "workforce_norms" ("kind", "students_per_fte", "cases_per_fte", "updated_at") VALUES ('psychologist', 500, 25, now()), ('social_pedagogue', 500, 25, now()) ON CONFLICT DO NOTHING;
