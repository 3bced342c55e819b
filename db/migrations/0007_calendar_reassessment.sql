ALTER TYPE "trace"."alarm_type" ADD VALUE 'calendar_notice_missing';--> statement-breakpoint
CREATE TABLE "trace"."inspection_reassessment" (
	"result_id" bigint PRIMARY KEY NOT NULL,
	"lateness" "trace"."inspection_lateness" NOT NULL,
	"deadline" date,
	"calendar_source" text NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "trace"."inspection_reassessment" ADD CONSTRAINT "inspection_reassessment_result_id_inspection_result_id_fk" FOREIGN KEY ("result_id") REFERENCES "trace"."inspection_result"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written: a reassessment is a judgement made once; like the result it judges, it is never
-- changed or removed (a later calendar correction would be a new kind of record, not an edit).
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON "trace"."inspection_reassessment"
  FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
--> statement-breakpoint
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON "trace"."inspection_reassessment"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_change();
