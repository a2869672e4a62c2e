CREATE TABLE "name_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "persons_name_key_trgm";--> statement-breakpoint
CREATE INDEX "name_words_trgm" ON "name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
INSERT INTO "name_words" ("word") SELECT DISTINCT w FROM "persons", unnest(string_to_array("name_key", ' ')) AS w WHERE w <> '' ON CONFLICT DO NOTHING;
