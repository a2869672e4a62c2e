CREATE TABLE "child_population" (
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"district_code" text DEFAULT '' NOT NULL,
	"children" integer NOT NULL,
	"source" text,
	"loaded_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "child_population_year_region_code_district_code_pk" PRIMARY KEY("year","region_code","district_code")
);
--> statement-breakpoint
CREATE TABLE "stats_dirty" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "stats_dirty_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "stats_rollup" (
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"region_code" text NOT NULL,
	"district_code" text NOT NULL,
	"day" date NOT NULL,
	"incidents" integer NOT NULL,
	"reports" integer DEFAULT 0 NOT NULL,
	"victims" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_rollup_dim_region_code_day_district_code_key_pk" PRIMARY KEY("dim","region_code","day","district_code","key")
);
--> statement-breakpoint
ALTER TABLE "child_population" ADD CONSTRAINT "child_population_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stats_rollup_day_idx" ON "stats_rollup" USING btree ("dim","day");--> statement-breakpoint
-- existing reports: their days are counted by the rollup job after the upgrade
INSERT INTO "stats_dirty" ("region_code", "day")
SELECT DISTINCT "region_code", ("received_at" AT TIME ZONE 'UTC' + interval '5 hours')::date FROM "reports"
ON CONFLICT DO NOTHING;
