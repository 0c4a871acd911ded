CREATE TABLE "key_policies" (
	"org_id" text PRIMARY KEY NOT NULL,
	"max_lifetime_days" integer,
	"allow_no_expiry" boolean DEFAULT true NOT NULL,
	"creator_roles" text[] DEFAULT '{"owner","admin","developer"}' NOT NULL,
	"max_scopes_by_role" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"require_ip_allowlist" boolean DEFAULT false NOT NULL,
	"dormant_days" integer DEFAULT 30 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "ip_allowlist" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rate_limit_per_minute" integer;--> statement-breakpoint
ALTER TABLE "key_policies" ADD CONSTRAINT "key_policies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;