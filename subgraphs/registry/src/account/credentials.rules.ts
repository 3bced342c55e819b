/**
 * 账号与口令规则 (pure): usernames, password strength, generated passwords, and which role an
 * account of each kind of unit may have.
 */
import { randomInt } from "node:crypto";
import { type AccountRole, PlatformError, type UnitKind } from "@cylinder/db";

export const MIN_PASSWORD_LENGTH = 8;
const MAX_PASSWORD_LENGTH = 128;

/** Why a password is too weak, or null: 8+ characters, three of lower/upper/digit/symbol,
 * not containing the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `口令至少 ${MIN_PASSWORD_LENGTH} 位`;
  if (password.length > MAX_PASSWORD_LENGTH) return `口令不能超过 ${MAX_PASSWORD_LENGTH} 位`;
  if (/\s/.test(password)) return "口令不能包含空白字符";
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return "口令须包含小写字母、大写字母、数字、符号中的至少三类";
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return "口令不能包含账号名";
  return null;
}

export function checkPassword(password: string, username: string, field = "password"): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new PlatformError("INVALID_FIELD", { field, reason: problem });
}

const ALPHABETS = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "@#%+=-_!"];

/** A random 16-character password with every character class (no look-alikes such as O/0, l/1). */
export function generatePassword(length = 16): string {
  const all = ALPHABETS.join("");
  const chars = ALPHABETS.map((a) => a[randomInt(a.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

export function checkUsername(username: string): string {
  const t = username.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(t)) {
    throw new PlatformError("INVALID_FIELD", {
      field: "username",
      reason: "账号须为 3 到 64 位字母、数字或 . _ -，以字母或数字开头",
    });
  }
  return t;
}

/** The kinds of unit an account of each role belongs to. */
export const ROLE_UNIT_KIND: Record<AccountRole, UnitKind> = {
  filling_unit: "filling",
  inspection_station: "inspection",
  prefecture_regulator: "authority",
  province_regulator: "authority",
  platform: "authority",
  operator: "authority",
};

export interface AccountUnit {
  kind: UnitKind;
  prefectureCode: string;
  authorityLevel: "province" | "prefecture" | "county" | null;
}

/**
 * The prefecture scope an account of `role` in `unit` gets, or a FORBIDDEN-worthy reason:
 * a prefecture regulator belongs to a prefecture or county bureau and sees that prefecture;
 * a province regulator belongs to the province bureau; filling and inspection accounts carry
 * their unit's prefecture; operator and platform accounts are province-wide.
 */
export function accountPrefecture(role: AccountRole, unit: AccountUnit): string | null {
  if (unit.kind !== ROLE_UNIT_KIND[role]) {
    throw new PlatformError("INVALID_FIELD", { field: "role", reason: `角色 ${role} 与单位类型 ${unit.kind} 不符` });
  }
  switch (role) {
    case "prefecture_regulator":
      if (unit.authorityLevel === "province" || unit.authorityLevel === null) {
        throw new PlatformError("INVALID_FIELD", { field: "role", reason: "州市监管账号须属于州市或县区市场监管局" });
      }
      return unit.prefectureCode;
    case "province_regulator":
      if (unit.authorityLevel !== "province") {
        throw new PlatformError("INVALID_FIELD", { field: "role", reason: "省级监管账号须属于省市场监管局" });
      }
      return null;
    case "filling_unit":
    case "inspection_station":
      return unit.prefectureCode;
    default:
      return null;
  }
}
