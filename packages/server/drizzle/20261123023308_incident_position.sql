ALTER TABLE "incidents" ADD COLUMN "position" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
UPDATE "incidents" i SET "position" = x.rn FROM (SELECT "id", row_number() OVER (PARTITION BY "report_id" ORDER BY ctid) AS rn FROM "incidents") x WHERE x."id" = i."id";
