/** Dates and numbers as a Chinese regulator reads them, in China time whatever the browser's zone. */
const DATE_TIME = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const parts = Object.fromEntries(DATE_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

export const date = (d: string | null | undefined): string => d ?? "—";

export const count = (n: number | null | undefined): string =>
  n === null || n === undefined ? "—" : n.toLocaleString("zh-CN");

/** China's calendar date `days` from now, YYYY-MM-DD. */
export function chinaDate(days = 0): string {
  const t = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return t.toISOString().slice(0, 10);
}

export function lag(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 120) return `${seconds} 秒`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} 分钟`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} 小时`;
  return `${Math.round(seconds / 86400)} 天`;
}
