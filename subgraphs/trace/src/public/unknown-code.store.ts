/**
 * Recording a scan of an unknown code: the code once (its first scan raises the one alarm
 * per code), each scan after it as a row, within the per-address limit. A code that turns out
 * to be registered is not recorded (the mutation is public: nobody can raise a counterfeit
 * alarm against a real cylinder).
 */
import { sql } from "drizzle-orm";
import { insertAlarms, publishAlarms, type StoredAlarm } from "../alarm/alarm.store";
import type { TraceDeps } from "../context";
import { one } from "../shared/sql";
import { storedAddress } from "./reporter-address";
import { type ScannedCode, UNKNOWN_SCAN_LIMIT, unknownCodeAlarmMessage } from "./unknown-code.rules";

export interface UnknownScanOutcome {
  /** The code belongs to a registered cylinder: nothing recorded. */
  known: boolean;
  /** The scan was stored (false beyond the per-address limit, or when known). */
  recorded: boolean;
  /** This scan was the code's first: its alarm was raised now. */
  firstScan: boolean;
}

export async function recordUnknownCodeScan(
  deps: TraceDeps,
  scanned: ScannedCode,
  clientAddress: string | null,
): Promise<UnknownScanOutcome> {
  const address = storedAddress(clientAddress, deps.config.dataKey);
  const now = deps.clock.now();
  const { outcome, alarms } = await deps.db.transaction(async (tx) => {
    const nothing = (known: boolean) => ({
      outcome: { known, recorded: false, firstScan: false },
      alarms: [] as StoredAlarm[],
    });
    const registered = await one<{ one: number }>(
      tx,
      sql`select 1 as one from registry.cylinder_permit_v1 c where c.barcode = ${scanned.code}`,
    );
    if (registered) return nothing(true);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`unknown-code:address:${address.hash}`}))`);
    const since = new Date(now.getTime() - UNKNOWN_SCAN_LIMIT.perAddress.windowMs).toISOString();
    const recent = await one<{ n: number }>(
      tx,
      sql`select count(*)::int as n from trace.unknown_code_scan s
        where s.address_hash = ${address.hash} and s.scanned_at > ${since}::timestamptz`,
    );
    if ((recent?.n ?? 0) >= UNKNOWN_SCAN_LIMIT.perAddress.max) return nothing(false);
    const inserted = await one<{ id: number }>(
      tx,
      sql`insert into trace.unknown_code (code, malformed, prefecture_code, first_scanned_at)
        values (${scanned.code}, ${scanned.malformed}, ${scanned.prefectureCode}, ${now.toISOString()}::timestamptz)
        on conflict (code) do nothing
        returning id`,
    );
    const codeId = inserted
      ? Number(inserted.id)
      : Number(
          (await one<{ id: number }>(tx, sql`select id from trace.unknown_code where code = ${scanned.code}`))!.id,
        );
    await tx.execute(
      sql`insert into trace.unknown_code_scan (code_id, address_hash, scanned_at)
        values (${codeId}, ${address.hash}, ${now.toISOString()}::timestamptz)`,
    );
    const alarms = inserted
      ? await insertAlarms(
          tx,
          [
            {
              type: "unknown_code_scanned",
              reasons: [
                {
                  code: scanned.malformed ? "MALFORMED_CODE" : "UNKNOWN_CODE",
                  message: unknownCodeAlarmMessage(scanned),
                },
              ],
              message: unknownCodeAlarmMessage(scanned),
              barcode: scanned.malformed ? null : scanned.code,
              unitId: null,
              // a car code names its prefecture; any other code goes to the province
              prefectureCode: scanned.prefectureCode,
              recordKind: "unknown_code",
              recordId: codeId,
            },
          ],
          now,
        )
      : [];
    return { outcome: { known: false, recorded: true, firstScan: inserted !== undefined }, alarms };
  });
  await publishAlarms(deps.alarmBus, deps.log, alarms);
  return outcome;
}
