/**
 * Reading the annex's payloads as legacy clients send them: every reader names the property
 * by its annex path (`Items[2].Barcode`) in the error. Leniency, exactly:
 * - `null` counts as omitted (the annex omits optional properties; some clients send null);
 * - codes, numbers and dates may be padded (`" 1103007831"`) and are trimmed;
 * - numbers may arrive as numeric strings (`"16.33"`), codes as numbers (`Barcode: 1103007831`);
 * - anything else of the wrong type is INVALID_FIELD, a missing required one MISSING_FIELD,
 *   an impossible date INVALID_DATE (through the one date codec).
 */
import { PlatformError, parseDate8, parseDateTime14 } from "@cylinder/db";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A payload object and where it sits in the request, for error messages. */
export class Obj {
  constructor(
    readonly value: JsonObject,
    readonly path: string,
  ) {}

  static root(value: unknown, path = "data"): Obj {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new PlatformError("INVALID_FIELD", { field: path, reason: "应为 JSON 对象" });
    }
    return new Obj(value as JsonObject, path);
  }

  private at(key: string): string {
    return this.path === "data" || this.path === "" ? key : `${this.path}.${key}`;
  }

  private raw(key: string): Json | undefined {
    const v = this.value[key];
    return v === null ? undefined : v;
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  private need<T>(key: string, v: T | undefined): T {
    if (v === undefined) throw new PlatformError("MISSING_FIELD", { field: this.at(key) });
    return v;
  }

  private wrong(key: string, reason: string): never {
    throw new PlatformError("INVALID_FIELD", { field: this.at(key), reason });
  }

  /** A nested object. */
  obj(key: string): Obj;
  obj(key: string, optional: "optional"): Obj | undefined;
  obj(key: string, optional?: "optional"): Obj | undefined {
    const v = this.raw(key);
    if (v === undefined) return optional ? undefined : this.need(key, undefined);
    if (typeof v !== "object" || Array.isArray(v)) this.wrong(key, "应为对象");
    return new Obj(v as JsonObject, this.at(key));
  }

  /** An array of objects (`Items`), at least one. */
  items(key: string, { max }: { max?: number } = {}): Obj[] {
    const v = this.need(key, this.raw(key));
    if (!Array.isArray(v)) this.wrong(key, "应为数组");
    if (v.length === 0) this.wrong(key, "不能为空");
    if (max !== undefined && v.length > max) throw new PlatformError("BATCH_TOO_LARGE", { limit: max });
    return v.map((item, i) => Obj.root(item, `${this.at(key)}[${i}]`));
  }

  /** Free text (a remark, a name): kept as sent except for the surrounding spaces. */
  text(key: string): string;
  text(key: string, optional: "optional"): string | undefined;
  text(key: string, optional?: "optional"): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return optional ? undefined : this.need(key, undefined);
    if (typeof v !== "string") this.wrong(key, "应为字符串");
    const t = v.trim();
    if (t === "") return optional ? undefined : this.need(key, undefined);
    return t;
  }

  /** A code or identifier (Barcode, Printno): string or number, trimmed, not empty. */
  code(key: string): string;
  code(key: string, optional: "optional"): string | undefined;
  code(key: string, optional?: "optional"): string | undefined {
    const v = this.raw(key);
    if (v === undefined) return optional ? undefined : this.need(key, undefined);
    let t: string;
    if (typeof v === "string") t = v.trim();
    else if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) t = String(v);
    else this.wrong(key, "应为字符串");
    if (t === "") return optional ? undefined : this.need(key, undefined);
    return t;
  }

  /** A third-party id (ThridId / ThirdId, bigint): digits, as a number or a string. */
  thirdId(key: string): string {
    const v = this.need(key, this.raw(key));
    if (typeof v === "number") {
      // beyond 2^53 a JSON number has already lost digits: refuse rather than store a wrong id
      if (!Number.isSafeInteger(v) || v < 0) this.wrong(key, "应为非负整数；超过 9007199254740991 的请以字符串发送");
      return String(v);
    }
    if (typeof v === "string" && /^\s*\d{1,19}\s*$/.test(v)) return v.trim();
    return this.wrong(key, "应为整数");
  }

  /** A number (weights, pressures): number or numeric string. */
  num(key: string): number;
  num(key: string, optional: "optional"): number | undefined;
  num(key: string, optional?: "optional"): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return optional ? undefined : this.need(key, undefined);
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : Number.NaN;
    if (!Number.isFinite(n)) this.wrong(key, "应为数字");
    return n;
  }

  /** An integer (State, Machine, Year…): number or numeric string, 32-bit. */
  int(key: string): number;
  int(key: string, optional: "optional"): number | undefined;
  int(key: string, optional?: "optional"): number | undefined {
    const v = this.raw(key);
    if (v === undefined) return optional ? undefined : this.need(key, undefined);
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isInteger(n) || Math.abs(n) > 2_147_483_647) this.wrong(key, "应为整数");
    return n;
  }

  /** `yyyyMMddHHmmss` (China time) → ISO instant. */
  dateTime(key: string): string;
  dateTime(key: string, optional: "optional"): string | undefined;
  dateTime(key: string, optional?: "optional"): string | undefined {
    const t = optional ? this.code(key, "optional") : this.code(key);
    return t === undefined ? undefined : parseDateTime14(t, this.at(key)).toISOString();
  }

  /** `yyyyMMdd` (China calendar date) → `YYYY-MM-DD`. */
  date(key: string): string;
  date(key: string, optional: "optional"): string | undefined;
  date(key: string, optional?: "optional"): string | undefined {
    const t = optional ? this.code(key, "optional") : this.code(key);
    return t === undefined ? undefined : parseDate8(t, this.at(key));
  }
}
