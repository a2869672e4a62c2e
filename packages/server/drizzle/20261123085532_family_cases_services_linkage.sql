CREATE TABLE "assessment_instruments" (
	"version" integer PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"activated_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "case_agencies" (
	"case_id" uuid NOT NULL,
	"agency_type" text NOT NULL,
	"unit_id" uuid,
	"role" text NOT NULL,
	"added_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "case_agencies_case_id_agency_type_pk" PRIMARY KEY("case_id","agency_type")
);
--> statement-breakpoint
CREATE TABLE "case_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"close_reason" text,
	"note" text,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"decision" text,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "case_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"instrument_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"threats" text[] DEFAULT '{}'::text[] NOT NULL,
	"safety_decision" text NOT NULL,
	"score" integer NOT NULL,
	"scored_level" text NOT NULL,
	"level" text NOT NULL,
	"override_reason" text,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assessed_by" uuid NOT NULL,
	"assessed_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"note" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"section" text NOT NULL,
	"topic" text NOT NULL,
	"body" text NOT NULL,
	"recorded_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"subject" boolean DEFAULT false NOT NULL,
	"lives_in_household" boolean DEFAULT true NOT NULL,
	"occupation" text DEFAULT 'unknown' NOT NULL,
	"school_id" uuid,
	"added_at" timestamp (3) with time zone NOT NULL,
	"added_by" uuid,
	"removed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"sensitivity" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"goal_id" uuid,
	"title" text NOT NULL,
	"responsible_agency" text,
	"responsible_user_id" uuid,
	"due_on" date,
	"status" text NOT NULL,
	"done_at" timestamp (3) with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_reports" (
	"case_id" uuid NOT NULL,
	"report_id" uuid NOT NULL,
	"linked_at" timestamp (3) with time zone NOT NULL,
	"linked_by" uuid,
	CONSTRAINT "case_reports_case_id_report_id_pk" PRIMARY KEY("case_id","report_id")
);
--> statement-breakpoint
CREATE TABLE "case_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"due_on" date,
	"held_on" date NOT NULL,
	"decision" text NOT NULL,
	"summary" text NOT NULL,
	"held_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_agency_type" text NOT NULL,
	"from_user_id" uuid NOT NULL,
	"to_agency_type" text NOT NULL,
	"to_unit_id" uuid,
	"to_user_id" uuid,
	"reason" text NOT NULL,
	"consent" jsonb NOT NULL,
	"status" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "case_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitors" text NOT NULL,
	"children_seen" boolean NOT NULL,
	"observations" text NOT NULL,
	"next_visit_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"district_code" text,
	"school_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"agency_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"lead_agency_type" text NOT NULL,
	"lead_unit_id" uuid,
	"lead_user_id" uuid NOT NULL,
	"summary" text,
	"address" text,
	"risk_level" text,
	"review_interval_days" integer DEFAULT 90 NOT NULL,
	"next_review_on" date,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"close_reason" text,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "link_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_a" uuid NOT NULL,
	"person_b" uuid NOT NULL,
	"score" double precision NOT NULL,
	"fields" jsonb NOT NULL,
	"status" text NOT NULL,
	"run_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	CONSTRAINT "link_candidates_order" CHECK ("link_candidates"."person_a" < "link_candidates"."person_b")
);
--> statement-breakpoint
CREATE TABLE "linkage_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"persons" integer DEFAULT 0 NOT NULL,
	"pairs_compared" bigint DEFAULT 0 NOT NULL,
	"candidates" integer DEFAULT 0 NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_by" uuid
);
--> statement-breakpoint
CREATE TABLE "person_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"candidate_id" uuid,
	"moved" jsonb NOT NULL,
	"reason" text,
	"merged_by" uuid NOT NULL,
	"merged_at" timestamp (3) with time zone NOT NULL,
	"undone_by" uuid,
	"undone_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"service" text NOT NULL,
	"person_id" uuid,
	"urgency" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"referred_by" uuid NOT NULL,
	"referred_at" timestamp (3) with time zone NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"decline_reason" text,
	"decline_note" text,
	"delivered_at" timestamp (3) with time zone,
	"feedback" text,
	"outcome" text,
	"feedback_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_flags" (
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid,
	"explanation" jsonb NOT NULL,
	"school_id" uuid,
	"region_code" text,
	"district_code" text,
	"since" timestamp (3) with time zone NOT NULL,
	"computed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "risk_flags_person_id_kind_pk" PRIMARY KEY("person_id","kind")
);
--> statement-breakpoint
CREATE TABLE "service_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"kind" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_code" text NOT NULL,
	"district_code" text,
	"address" text,
	"phone" text,
	"email" text,
	"lat" double precision,
	"lon" double precision,
	"age_min" integer DEFAULT 0 NOT NULL,
	"age_max" integer DEFAULT 18 NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer,
	"occupancy" integer DEFAULT 0 NOT NULL,
	"occupancy_updated_at" timestamp (3) with time zone,
	"unit_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "service_providers_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "service_providers_ages" CHECK ("service_providers"."age_min" >= 0 and "service_providers"."age_max" <= 25 and "service_providers"."age_min" <= "service_providers"."age_max"),
	CONSTRAINT "service_providers_occupancy" CHECK ("service_providers"."occupancy" >= 0)
);
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "case_agencies" ADD CONSTRAINT "case_agencies_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_agencies" ADD CONSTRAINT "case_agencies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_approvals" ADD CONSTRAINT "case_approvals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assessments" ADD CONSTRAINT "case_assessments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assessments" ADD CONSTRAINT "case_assessments_instrument_version_assessment_instruments_version_fk" FOREIGN KEY ("instrument_version") REFERENCES "public"."assessment_instruments"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_facts" ADD CONSTRAINT "case_facts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_members" ADD CONSTRAINT "case_members_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_items" ADD CONSTRAINT "case_plan_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_items" ADD CONSTRAINT "case_plan_items_goal_id_case_plan_items_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."case_plan_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_items" ADD CONSTRAINT "case_plan_items_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reports" ADD CONSTRAINT "case_reports_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reports" ADD CONSTRAINT "case_reports_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reviews" ADD CONSTRAINT "case_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_transfers" ADD CONSTRAINT "case_transfers_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_visits" ADD CONSTRAINT "case_visits_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_lead_user_id_users_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_candidates" ADD CONSTRAINT "link_candidates_person_a_persons_id_fk" FOREIGN KEY ("person_a") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_candidates" ADD CONSTRAINT "link_candidates_person_b_persons_id_fk" FOREIGN KEY ("person_b") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_candidates" ADD CONSTRAINT "link_candidates_run_id_linkage_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."linkage_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_survivor_id_persons_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_merged_id_persons_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_merges" ADD CONSTRAINT "person_merges_candidate_id_link_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."link_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_id_service_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."service_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_flags" ADD CONSTRAINT "risk_flags_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_providers" ADD CONSTRAINT "service_providers_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_providers" ADD CONSTRAINT "service_providers_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "public"."districts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_providers" ADD CONSTRAINT "service_providers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_instruments_one_active" ON "assessment_instruments" USING btree ("status") WHERE "assessment_instruments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "case_approvals_case_idx" ON "case_approvals" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_approvals_one_pending" ON "case_approvals" USING btree ("case_id") WHERE "case_approvals"."decision" is null;--> statement-breakpoint
CREATE INDEX "case_assessments_case_idx" ON "case_assessments" USING btree ("case_id","assessed_at");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_facts_case_idx" ON "case_facts" USING btree ("case_id","section");--> statement-breakpoint
CREATE INDEX "case_members_case_idx" ON "case_members" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_members_person_idx" ON "case_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_members_active_key" ON "case_members" USING btree ("case_id","person_id") WHERE "case_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_plan_items_case_idx" ON "case_plan_items" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_reports_report_idx" ON "case_reports" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "case_reviews_case_idx" ON "case_reviews" USING btree ("case_id","held_on");--> statement-breakpoint
CREATE INDEX "case_transfers_case_idx" ON "case_transfers" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_transfers_one_pending" ON "case_transfers" USING btree ("case_id") WHERE "case_transfers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "case_visits_case_idx" ON "case_visits" USING btree ("case_id","visited_on");--> statement-breakpoint
CREATE INDEX "cases_region_idx" ON "cases" USING btree ("region_code","opened_at","id");--> statement-breakpoint
CREATE INDEX "cases_lead_idx" ON "cases" USING btree ("lead_user_id","status");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status","next_review_on");--> statement-breakpoint
CREATE UNIQUE INDEX "link_candidates_pair" ON "link_candidates" USING btree ("person_a","person_b");--> statement-breakpoint
CREATE INDEX "link_candidates_pending_idx" ON "link_candidates" USING btree ("score") WHERE "link_candidates"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "person_merges_survivor_idx" ON "person_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "person_merges_merged_idx" ON "person_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_provider_idx" ON "referrals" USING btree ("provider_id","status");--> statement-breakpoint
CREATE INDEX "risk_flags_school_idx" ON "risk_flags" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "risk_flags_district_idx" ON "risk_flags" USING btree ("region_code","district_code");--> statement-breakpoint
CREATE INDEX "service_providers_region_idx" ON "service_providers" USING btree ("region_code","kind");--> statement-breakpoint
CREATE INDEX "service_providers_unit_idx" ON "service_providers" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_merged_into_persons_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;