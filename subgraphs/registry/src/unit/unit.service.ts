/**
 * New units: the operator creates any unit; a regulator creates filling units, inspection
 * stations and manufacturers in its own prefecture (the province anywhere). Registration
 * authorities are created by the operator only. Contact phones are sealed at rest.
 */
import {
  canRegulate,
  isPrefectureCode,
  MEDIA,
  normalizeMedium,
  PlatformError,
  PROVINCE_CODE,
  parseIsoDate,
  sealPersonal,
} from "@cylinder/db";
import { unit } from "@cylinder/db/schema";
import type { RegistryContext } from "../context";
import { isUniqueViolation } from "../db-util";
import { requireAccount } from "../guard";
import type { UnitRow } from "./unit.loader";
import type { UnitInput } from "./unit.type";

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

function optional(value: string | null | undefined, field: string, max = 200): string | null {
  const t = value?.trim() ?? "";
  if (t.length > max) throw new PlatformError("INVALID_FIELD", { field, reason: `长度不能超过 ${max}` });
  return t === "" ? null : t;
}

export async function createUnit(ctx: RegistryContext, input: UnitInput): Promise<UnitRow> {
  const id = requireAccount(ctx);
  const prefectureCode = input.prefectureCode.trim();
  const authority = input.kind === "authority";
  if (!(isPrefectureCode(prefectureCode) || (authority && prefectureCode === PROVINCE_CODE))) {
    throw new PlatformError("INVALID_FIELD", {
      field: "prefectureCode",
      reason: `${prefectureCode} 不是云南省州市代码`,
    });
  }
  if (id.role !== "operator") {
    if (!canRegulate(id, prefectureCode)) {
      throw new PlatformError("FORBIDDEN", { reason: "新建单位仅限平台运维或管辖该州市的监管部门" });
    }
    if (authority) throw new PlatformError("FORBIDDEN", { reason: "登记机关（监管部门）由平台运维新建" });
  }
  const name = input.name.trim();
  if (name === "" || name.length > 200) {
    throw new PlatformError("INVALID_FIELD", { field: "name", reason: "单位名称不能为空，且不超过 200 字" });
  }
  if (authority !== (input.authorityLevel !== null && input.authorityLevel !== undefined)) {
    throw new PlatformError("INVALID_FIELD", { field: "authorityLevel", reason: "登记机关须填写层级，其他单位不填" });
  }
  if (authority && (prefectureCode === PROVINCE_CODE) !== (input.authorityLevel === "province")) {
    throw new PlatformError("INVALID_FIELD", {
      field: "authorityLevel",
      reason: "省局的州市代码为 530000，州市、县区局为其州市代码",
    });
  }
  const creditCode = optional(input.creditCode, "creditCode", 18)?.toUpperCase() ?? null;
  if (creditCode !== null && !CREDIT_CODE.test(creditCode)) {
    throw new PlatformError("INVALID_FIELD", {
      field: "creditCode",
      reason: "统一社会信用代码应为 18 位数字或大写字母",
    });
  }
  const countyCode = optional(input.countyCode, "countyCode", 6);
  if (countyCode !== null && !(/^\d{6}$/.test(countyCode) && countyCode.slice(0, 4) === prefectureCode.slice(0, 4))) {
    throw new PlatformError("INVALID_FIELD", { field: "countyCode", reason: "县区代码须为所在州市下的 6 位代码" });
  }
  const media = (input.licensedMedia ?? []).map((m) => normalizeMedium(m)).filter((m) => m !== "");
  if (media.length > 0 && input.kind !== "filling") {
    throw new PlatformError("INVALID_FIELD", { field: "licensedMedia", reason: "只有充装单位有许可充装介质" });
  }
  const unknown = media.find((m) => !(m in MEDIA));
  if (unknown !== undefined) {
    throw new PlatformError("INVALID_FIELD", { field: "licensedMedia", reason: `未知介质 ${unknown}` });
  }
  const phone = optional(input.contactPhone, "contactPhone", 32);
  if (phone !== null && !/^[0-9+\- ]{5,32}$/.test(phone)) {
    throw new PlatformError("INVALID_FIELD", { field: "contactPhone", reason: "电话号码格式不正确" });
  }
  try {
    const [row] = await ctx.deps.db
      .insert(unit)
      .values({
        kind: input.kind,
        name,
        creditCode,
        prefectureCode,
        countyCode,
        authorityLevel: input.authorityLevel ?? null,
        licenseNo: optional(input.licenseNo, "licenseNo", 64),
        licenseExpiresOn: input.licenseExpiresOn?.trim()
          ? parseIsoDate(input.licenseExpiresOn, "licenseExpiresOn")
          : null,
        licensedMedia: [...new Set(media)],
        address: optional(input.address, "address"),
        contactName: optional(input.contactName, "contactName", 64),
        contactPhoneEnc: phone === null ? null : sealPersonal(phone, ctx.deps.config.dataKey),
      })
      .returning();
    return row!;
  } catch (e) {
    if (isUniqueViolation(e, "unit_credit_code_key")) {
      throw new PlatformError("CONFLICT", { reason: `统一社会信用代码 ${creditCode} 已登记` });
    }
    throw e;
  }
}
