/** Yunnan's 16 prefectures (GB/T 2260), as the platform's data standard lists them. */
export interface PrefectureName {
  code: string;
  name: string;
  short: string;
}

export const PREFECTURES: readonly PrefectureName[] = [
  { code: "530100", name: "昆明市", short: "昆明" },
  { code: "530300", name: "曲靖市", short: "曲靖" },
  { code: "530400", name: "玉溪市", short: "玉溪" },
  { code: "530500", name: "保山市", short: "保山" },
  { code: "530600", name: "昭通市", short: "昭通" },
  { code: "530700", name: "丽江市", short: "丽江" },
  { code: "530800", name: "普洱市", short: "普洱" },
  { code: "530900", name: "临沧市", short: "临沧" },
  { code: "532300", name: "楚雄州", short: "楚雄" },
  { code: "532500", name: "红河州", short: "红河" },
  { code: "532600", name: "文山州", short: "文山" },
  { code: "532800", name: "西双版纳州", short: "西双版纳" },
  { code: "532900", name: "大理州", short: "大理" },
  { code: "533100", name: "德宏州", short: "德宏" },
  { code: "533300", name: "怒江州", short: "怒江" },
  { code: "533400", name: "迪庆州", short: "迪庆" },
];

const BY_CODE = new Map(PREFECTURES.map((p) => [p.code, p]));

export function prefectureName(code: string | null | undefined): string {
  if (!code) return "—";
  if (code === "530000") return "云南省";
  return BY_CODE.get(code)?.name ?? code;
}
