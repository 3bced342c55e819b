/**
 * The 16 prefectures of Yunnan (GB/T 2260 codes). Kunming and Wenshan run self-built
 * prefecture platforms (自建平台); the other 14 are tenants of the province platform.
 */
export type PlatformMode = "self_built" | "province_hosted";

export interface PrefectureStandard {
  readonly code: string;
  readonly name: string;
  readonly mode: PlatformMode;
}

export const PREFECTURES: readonly PrefectureStandard[] = [
  { code: "530100", name: "昆明市", mode: "self_built" },
  { code: "530300", name: "曲靖市", mode: "province_hosted" },
  { code: "530400", name: "玉溪市", mode: "province_hosted" },
  { code: "530500", name: "保山市", mode: "province_hosted" },
  { code: "530600", name: "昭通市", mode: "province_hosted" },
  { code: "530700", name: "丽江市", mode: "province_hosted" },
  { code: "530800", name: "普洱市", mode: "province_hosted" },
  { code: "530900", name: "临沧市", mode: "province_hosted" },
  { code: "532300", name: "楚雄彝族自治州", mode: "province_hosted" },
  { code: "532500", name: "红河哈尼族彝族自治州", mode: "province_hosted" },
  { code: "532600", name: "文山壮族苗族自治州", mode: "self_built" },
  { code: "532800", name: "西双版纳傣族自治州", mode: "province_hosted" },
  { code: "532900", name: "大理白族自治州", mode: "province_hosted" },
  { code: "533100", name: "德宏傣族景颇族自治州", mode: "province_hosted" },
  { code: "533300", name: "怒江傈僳族自治州", mode: "province_hosted" },
  { code: "533400", name: "迪庆藏族自治州", mode: "province_hosted" },
];

export const PREFECTURE_CODES: readonly string[] = PREFECTURES.map((p) => p.code);

/** The province itself (云南省), used as the scope of province-level regulators. */
export const PROVINCE_CODE = "530000";

const byCode = new Map(PREFECTURES.map((p) => [p.code, p]));

export function prefectureByCode(code: string): PrefectureStandard | undefined {
  return byCode.get(code);
}

export function isPrefectureCode(code: string): boolean {
  return byCode.has(code);
}
