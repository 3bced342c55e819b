/**
 * 充装介质 (filling media). The annex carries the medium as free text ("液化石油气", "CNG");
 * licences, cylinders and fills must agree on it, so every spelling is normalised to one
 * canonical Chinese name before it is compared or stored.
 */
export const MEDIA = {
  液化石油气: ["LPG", "液化气", "液化石油气"],
  压缩天然气: ["CNG", "压缩天然气"],
  液化天然气: ["LNG", "液化天然气"],
  二甲醚: ["DME", "二甲醚", "液化二甲醚"],
  氢气: ["H2", "氢", "氢气"],
  氧气: ["O2", "氧", "氧气", "医用氧", "工业氧"],
  氮气: ["N2", "氮", "氮气"],
  氩气: ["AR", "氩", "氩气"],
  二氧化碳: ["CO2", "二氧化碳"],
  乙炔: ["C2H2", "乙炔", "溶解乙炔"],
  氦气: ["HE", "氦", "氦气"],
} as const;

export type Medium = keyof typeof MEDIA;

const aliases = new Map<string, Medium>();
for (const [canonical, names] of Object.entries(MEDIA) as [Medium, readonly string[]][]) {
  for (const n of names) aliases.set(n.toUpperCase(), canonical);
}

/** The canonical name of a medium, or the trimmed input when it is not a known medium. */
export function normalizeMedium(text: string): string {
  const t = text.trim();
  return aliases.get(t.toUpperCase()) ?? t;
}

/** Media that only car (vehicle) cylinders carry. */
export const CAR_MEDIA: readonly Medium[] = ["压缩天然气", "液化天然气", "氢气"];
