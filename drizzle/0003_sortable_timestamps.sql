DROP INDEX "interactions_org_date_idx";--> statement-breakpoint
DROP INDEX "people_org_updated_idx";--> statement-breakpoint
CREATE INDEX "companies_org_created_idx" ON "companies" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "companies_org_updated_idx" ON "companies" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "interactions_org_created_idx" ON "interactions" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "interactions_org_updated_idx" ON "interactions" USING btree ("org_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "people_org_created_idx" ON "people" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "interactions_org_date_idx" ON "interactions" USING btree ("org_id","interaction_date","id");--> statement-breakpoint
CREATE INDEX "people_org_updated_idx" ON "people" USING btree ("org_id","updated_at","id");