CREATE TABLE "installation_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "interactions_contact_ids_gin" ON "interactions" USING gin ("contact_ids");--> statement-breakpoint
CREATE INDEX "interactions_org_type_idx" ON "interactions" USING btree ("org_id","type","id");--> statement-breakpoint
CREATE INDEX "people_tags_gin" ON "people" USING gin ("tags");