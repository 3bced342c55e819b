/**
 * The demo accounts: one user of each role, on units chosen so that each can do its job at
 * once (a filling unit with a valid licence and cylinders of its own, a regulator of
 * Kunming...). Passwords follow from the seed, are printed by `npm start` and the demo CLI,
 * and are for the demo only. Hashing (scrypt) happens here, for these few accounts only.
 */
import { type AccountRole, hashPassword, newSm4Key, sealSm4 } from "@cylinder/db";
import type { account } from "@cylinder/db/schema";
import { mixSeed, Rng } from "./random";
import { hasValidLicence, type PlannedUnit, type UnitsPlan } from "./units";

export type AccountRow = typeof account.$inferInsert & { id: number };

export interface DemoAccount {
  readonly username: string;
  /** The clear password: demo credentials, printed for the person trying the platform. */
  readonly password: string;
  readonly role: AccountRole;
  readonly unitId: number;
  readonly unitName: string;
  readonly prefectureCode: string | null;
  /** What the account is for, in Chinese, for the start banner. */
  readonly purpose: string;
}

const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** The demo password of a username: it follows from the seed alone. */
export function demoPassword(seed: number, username: string): string {
  let h = 0;
  for (const ch of username) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  const rng = new Rng(mixSeed(seed, 0x41434354, h)); // "ACCT"
  return `demo-${rng.chars(PASSWORD_ALPHABET, 8)}`;
}

/** Chooses the demo accounts' units and passwords (no hashing: cheap and deterministic). */
export function planAccounts(seed: number, units: UnitsPlan, referenceDate: string): DemoAccount[] {
  const byCode = (code: string) => {
    const p = units.prefectures.find((x) => x.profile.code === code);
    if (!p) throw new Error(`no prefecture ${code}`);
    return p;
  };
  const valid = (list: readonly PlannedUnit[], media?: string) => {
    const u = list.find(
      (x) => hasValidLicence(x, referenceDate) && (!media || (x.row.licensedMedia ?? []).includes(media)),
    );
    if (!u) throw new Error("no unit with a valid licence for a demo account");
    return u;
  };
  const qujing = byCode("530300");
  const yuxi = byCode("530400");
  const kunming = byCode("530100");
  const wenshan = byCode("532600");
  const entries: [string, AccountRole, PlannedUnit, string | null, string][] = [
    ["fill_qj_lpg", "filling_unit", valid(qujing.lpg), null, "液化石油气充装单位（曲靖，省平台托管）"],
    ["fill_qj_cng", "filling_unit", valid(qujing.car, "压缩天然气"), null, "车用气瓶加气站（曲靖）"],
    ["fill_yx_gas", "filling_unit", valid(yuxi.industrial), null, "工业气体充装单位（玉溪）"],
    ["insp_qj", "inspection_station", valid(qujing.inspection), null, "气瓶检验机构（曲靖）"],
    ["reg_km", "prefecture_regulator", kunming.authority, "530100", "州市监管部门（昆明市）"],
    ["reg_qj", "prefecture_regulator", qujing.authority, "530300", "州市监管部门（曲靖市）"],
    ["reg_yn", "province_regulator", units.province, null, "省级监管部门"],
    ["platform_km", "platform", kunming.authority, "530100", "昆明市自建平台对接账号"],
    ["platform_ws", "platform", wenshan.authority, "532600", "文山州自建平台对接账号"],
    ["operator", "operator", units.province, null, "平台运维"],
  ];
  return entries.map(([username, role, u, prefectureCode, purpose]) => ({
    username,
    password: demoPassword(seed, username),
    role,
    unitId: u.row.id,
    unitName: u.row.name,
    prefectureCode,
    purpose,
  }));
}

/** The account rows: scrypt hashes and sealed per-account SM4 keys (random by design). */
export async function accountRows(
  accounts: readonly DemoAccount[],
  dataKey: string,
  createdAt: Date,
): Promise<AccountRow[]> {
  return Promise.all(
    accounts.map(async (a, i) => ({
      id: i + 1,
      unitId: a.unitId,
      username: a.username,
      role: a.role,
      prefectureCode: a.prefectureCode,
      passwordHash: await hashPassword(a.password),
      sm4KeyEnc: sealSm4(newSm4Key(), dataKey),
      createdAt,
      updatedAt: createdAt,
    })),
  );
}
