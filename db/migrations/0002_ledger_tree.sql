CREATE TABLE "ledger"."node" (
	"end_index" bigint NOT NULL,
	"level" smallint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "node_pkey" PRIMARY KEY("end_index","level")
);
--> statement-breakpoint
ALTER TABLE "ledger"."leaf" DROP CONSTRAINT "leaf_index_key";--> statement-breakpoint
DROP INDEX "ledger"."leaf_unsequenced_idx";--> statement-breakpoint
ALTER TABLE "ledger"."leaf" ADD COLUMN "format" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger"."leaf" ADD COLUMN "content" text;--> statement-breakpoint
ALTER TABLE "ledger"."leaf" ADD COLUMN "seal" "bytea";--> statement-breakpoint
CREATE UNIQUE INDEX "leaf_index_key" ON "ledger"."leaf" USING btree ("leaf_index") WHERE "ledger"."leaf"."leaf_index" is not null;--> statement-breakpoint
CREATE INDEX "leaf_unsequenced_idx" ON "ledger"."leaf" USING btree ("id") WHERE "ledger"."leaf"."leaf_index" is null;