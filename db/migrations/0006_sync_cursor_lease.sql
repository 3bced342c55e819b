ALTER TABLE "prefecture"."sync_state" ADD COLUMN "cursor" text;--> statement-breakpoint
ALTER TABLE "prefecture"."sync_state" ADD COLUMN "read_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "prefecture"."sync_state" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "prefecture"."sync_state" ADD COLUMN "lease_until" timestamp with time zone;