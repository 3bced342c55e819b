/**
 * Storing a citizen's report and its alarm in one transaction, after the limits are checked on
 * the stored reports. Advisory locks on the cylinder and on the address (always in that order)
 * make concurrent reports from any process count each other.
 */
import { CITIZEN_REPORT_KINDS, maskPhone, PlatformError, sealPersonal } from "@cylinder/db";
import { sql } from "drizzle-orm";
import { insertAlarms, publishAlarms, type StoredAlarm } from "../alarm/alarm.store";
import type { TraceDeps } from "../context";
import { one } from "../shared/sql";
import { REPORT_LIMITS, type ReportDraft, reportAlarmMessage, reportRefusal } from "./citizen-report.rules";
import { storedAddress } from "./reporter-address";

export interface StoredReport {
  id: number;
  receivedAt: Date;
  alarmId: number | null;
}

interface Recent {
  by_address: number;
  by_cylinder: number;
  prefecture_code: string | null;
  owner_unit_id: number | null;
}

export async function storeCitizenReport(
  deps: TraceDeps,
  barcode: string,
  draft: ReportDraft,
  clientAddress: string | null,
): Promise<StoredReport> {
  const address = storedAddress(clientAddress, deps.config.dataKey);
  const now = deps.clock.now();
  const { report, alarms } = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`citizen-report:cylinder:${barcode}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`citizen-report:address:${address.hash}`}))`);
    const addressSince = new Date(now.getTime() - REPORT_LIMITS.perAddress.windowMs).toISOString();
    const cylinderSince = new Date(now.getTime() - REPORT_LIMITS.perCylinder.windowMs).toISOString();
    const recent = await one<Recent>(
      tx,
      sql`select
          (select count(*) from trace.citizen_report r
            where r.address_hash = ${address.hash} and r.received_at > ${addressSince}::timestamptz)::int as by_address,
          (select count(*) from trace.citizen_report r
            where r.barcode = ${barcode} and r.received_at > ${cylinderSince}::timestamptz)::int as by_cylinder,
          c.prefecture_code, c.owner_unit_id
        from (select 1) one left join registry.cylinder_permit_v1 c on c.barcode = ${barcode}`,
    );
    if (!recent?.prefecture_code) throw new PlatformError("UNKNOWN_BARCODE", { barcode });
    const refusal = reportRefusal({ byAddress: recent.by_address, byCylinder: recent.by_cylinder });
    if (refusal) throw refusal;
    const phone = draft.contactPhone;
    const stored = await one<{ id: number }>(
      tx,
      sql`insert into trace.citizen_report (barcode, kind, description, contact_phone_enc, contact_phone_masked,
          address_hash, address_enc, prefecture_code, owner_unit_id, received_at)
        values (${barcode}, ${draft.kind}::trace.citizen_report_kind, ${draft.description},
          ${phone ? sealPersonal(phone, deps.config.dataKey) : null}, ${phone ? maskPhone(phone) : null},
          ${address.hash}, ${address.sealed}, ${recent.prefecture_code}, ${recent.owner_unit_id},
          ${now.toISOString()}::timestamptz)
        returning id`,
    );
    const id = Number(stored!.id);
    const alarms: StoredAlarm[] = await insertAlarms(
      tx,
      [
        {
          type: "citizen_report",
          reasons: [{ code: "CITIZEN_REPORT", message: CITIZEN_REPORT_KINDS[draft.kind] }],
          message: reportAlarmMessage(draft, barcode),
          barcode,
          // to the cylinder's prefecture regulator; the owner unit does not see who reported it
          unitId: null,
          prefectureCode: recent.prefecture_code,
          recordKind: "citizen_report",
          recordId: id,
        },
      ],
      now,
    );
    return { report: { id, receivedAt: now, alarmId: alarms[0] ? Number(alarms[0].id) : null }, alarms };
  });
  await publishAlarms(deps.alarmBus, deps.log, alarms);
  return report;
}
