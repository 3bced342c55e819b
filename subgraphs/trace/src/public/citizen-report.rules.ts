/**
 * What a citizen's report must hold, and when the platform takes no more for now: at most
 * a few reports per address per hour (a person reports a problem once, a script a thousand
 * times) and a bounded number per cylinder per day (after that the regulator already knows;
 * more alarms for the same cylinder would only bury others). The counts come from the stored
 * reports, so the limits hold across every process of the platform.
 */
import { CITIZEN_REPORT_KINDS, type CitizenReportKind, PlatformError } from "@cylinder/db";

export const REPORT_LIMITS = {
  perAddress: { max: 5, windowMs: 60 * 60_000 },
  perCylinder: { max: 10, windowMs: 24 * 60 * 60_000 },
} as const;

export const MAX_DESCRIPTION = 500;

export interface ReportDraft {
  kind: CitizenReportKind;
  description: string | null;
  contactPhone: string | null;
}

/** Mobile (1xxxxxxxxxx) or fixed line with area code (0871-12345678). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** Validates the form as sent; throws INVALID_FIELD / INVALID_ENUM naming the field. */
export function reportDraft(input: {
  kind: string;
  description?: string | null;
  contactPhone?: string | null;
}): ReportDraft {
  const kind = input.kind.trim().toLowerCase();
  if (!(kind in CITIZEN_REPORT_KINDS)) throw new PlatformError("INVALID_ENUM", { field: "kind", value: input.kind });
  const description = input.description?.trim() || null;
  if (description !== null && [...description].length > MAX_DESCRIPTION) {
    throw new PlatformError("INVALID_FIELD", { field: "description", reason: `不能超过 ${MAX_DESCRIPTION} 个字` });
  }
  const contactPhone = input.contactPhone?.replace(/\s+/g, "") || null;
  if (contactPhone !== null && !PHONE.test(contactPhone)) {
    throw new PlatformError("INVALID_FIELD", { field: "contactPhone", reason: "请填写手机号或带区号的固定电话" });
  }
  return { kind: kind as CitizenReportKind, description, contactPhone };
}

export interface RecentReports {
  /** Reports from this address within REPORT_LIMITS.perAddress.windowMs. */
  byAddress: number;
  /** Reports about this cylinder within REPORT_LIMITS.perCylinder.windowMs. */
  byCylinder: number;
}

/** Why a report cannot be taken now (RATE_LIMITED with a plain reason), or null when it can. */
export function reportRefusal(recent: RecentReports): PlatformError | null {
  if (recent.byAddress >= REPORT_LIMITS.perAddress.max) {
    return new PlatformError("RATE_LIMITED", { reason: "提交太频繁，请一小时后再试；紧急情况请拨打 119 或 12315" });
  }
  if (recent.byCylinder >= REPORT_LIMITS.perCylinder.max) {
    return new PlatformError("RATE_LIMITED", {
      reason: "这只气瓶今天已有多人反映，监管部门已经收到；紧急情况请拨打 119 或 12315",
    });
  }
  return null;
}

/** The alarm's one line for the command centre (the description shortened). */
export function reportAlarmMessage(draft: ReportDraft, barcode: string): string {
  const label = CITIZEN_REPORT_KINDS[draft.kind];
  const chars = draft.description ? [...draft.description] : [];
  const said = chars.length > 60 ? `${chars.slice(0, 60).join("")}…` : chars.join("");
  return `群众反映气瓶 ${barcode}：${label}${said ? `。${said}` : ""}`;
}
