/**
 * The annex's properties as zod schemas, read the way legacy clients send them. One schema
 * says three things: how a property is read (parse → the GraphQL value), how the OpenAPI
 * document describes it (`z.toJSONSchema`, the annex's type and a Chinese description), and
 * how a refusal names it (the annex path, `Items[2].Barcode`, through `refusalOf`).
 *
 * Leniency, exactly:
 * - `null` counts as omitted (the annex omits optional properties; some clients send null);
 * - codes, numbers and dates may be padded (`" 1103007831"`) and are trimmed;
 * - numbers may arrive as numeric strings (`"16.33"`), codes as numbers (`Barcode: 1103007831`);
 * - anything else of the wrong type is INVALID_FIELD, a missing required one MISSING_FIELD,
 *   an impossible date INVALID_DATE (through the one date codec).
 */
import {
  type ErrorCode,
  type ErrorDetails,
  type IntEnum,
  isPlatformError,
  PlatformError,
  parseDate8,
  parseDateTime14,
} from "@cylinder/db";
import { z } from "zod";
import type { FieldNames } from "./errors";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ------------------------------------------------------------------ refusals

/** Why a value is refused, before it is known where it sits: `refusalOf` adds the path. */
class Refusal {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
    /** The refusal names the property (`field`); BATCH_TOO_LARGE does not. */
    readonly named = true,
  ) {}
}

function refuse(code: ErrorCode, details?: ErrorDetails, named?: boolean): never {
  throw new Refusal(code, details, named);
}
function wrong(reason: string): never {
  return refuse("INVALID_FIELD", { reason });
}

/** A refusal (or a codec's PlatformError, whose own field is replaced by the path) as a zod issue. */
function issueOf(e: unknown, input: unknown): z.core.$ZodRawIssue {
  let refusal: Refusal;
  if (e instanceof Refusal) refusal = e;
  else if (isPlatformError(e)) {
    const { field: _, ...details } = e.details;
    refusal = new Refusal(e.code, details);
  } else throw e;
  return { code: "custom", message: refusal.code, input, params: { refusal } };
}

/** A preprocess step whose refusals become issues at the value's place (the pipe stops there). */
function guarded(check: (raw: unknown) => unknown) {
  return (raw: unknown, ctx: z.core.$RefinementCtx) => {
    try {
      return check(raw);
    } catch (e) {
      ctx.issues.push(issueOf(e, raw));
      return raw;
    }
  };
}

/** `["Items", 3, "NetWeight"]` → `Items[3].NetWeight`; the payload itself is `data`. */
export function annexPathOf(path: readonly PropertyKey[], root = "data"): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? root : out;
}

/** The error map: the first issue of a failed parse as the platform's refusal, in the annex's words. */
export function refusalOf(error: z.ZodError, root = "data"): PlatformError {
  const issue = error.issues[0]!;
  const field = annexPathOf(issue.path, root);
  const refusal = issue.code === "custom" ? (issue.params?.refusal as Refusal | undefined) : undefined;
  if (!refusal) return new PlatformError("INVALID_FIELD", { field, reason: issue.message });
  return new PlatformError(refusal.code, refusal.named ? { field, ...refusal.details } : refusal.details);
}

/** Parses `value` with `schema`; a failure is the platform's refusal naming the annex path. */
export function parseAnnex<T>(schema: z.ZodType<T>, value: unknown, root = "data"): T {
  const r = schema.safeParse(value);
  if (!r.success) throw refusalOf(r.error, root);
  return r.data;
}

// ------------------------------------------------------------------ properties

export type Presence = "required" | "optional";
/** An optional property is GraphQL's null when omitted. */
type Present<T, P extends Presence> = P extends "optional" ? T | null : T;

/**
 * A property: `read` takes the value as sent (never null or undefined) to the GraphQL value,
 * or undefined when it counts as omitted (a blank code), or throws a refusal. `doc` is the
 * annex's type of it, for the OpenAPI document.
 */
export function property<T, P extends Presence>(
  doc: z.ZodType,
  read: (value: {}) => T | undefined,
  description: string,
  presence: P | undefined,
): z.ZodType<Present<T, P>> {
  const optional = presence === "optional";
  const inner = optional ? doc.optional().transform((v) => v ?? null) : doc;
  const readValue = guarded((raw) => {
    const value = raw === null || raw === undefined ? undefined : read(raw);
    return value === undefined && !optional ? refuse("MISSING_FIELD") : value;
  });
  return z.preprocess(readValue, inner).meta({ description }) as unknown as z.ZodType<Present<T, P>>;
}

const integerDoc = () => z.number().meta({ type: "integer" });

const readCode = (v: {}): string | undefined => {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return String(v);
  return wrong("应为字符串");
};

/** A code or identifier (Barcode, Printno): string or number, trimmed, not empty. */
export const code = <P extends Presence = "required">(description: string, presence?: P) =>
  property(z.string(), readCode, description, presence);

/** Free text (a remark, a name): kept as sent except for the surrounding spaces. */
export const text = <P extends Presence = "required">(description: string, presence?: P) =>
  property(
    z.string(),
    (v) => (typeof v === "string" ? v.trim() || undefined : wrong("应为字符串")),
    description,
    presence,
  );

/** A password: taken as sent, spaces may be part of it. */
export const password = (description: string) =>
  property(
    z.string().meta({ format: "password" }),
    (v) => (typeof v === "string" ? v || undefined : wrong("应为字符串")),
    description,
    "required",
  );

/** A number (weights, pressures): number or numeric string. */
export const num = <P extends Presence = "required">(description: string, presence?: P) =>
  property(
    z.number(),
    (v) => {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : Number.NaN;
      return Number.isFinite(n) ? n : wrong("应为数字");
    },
    description,
    presence,
  );

const readInt = (v: {}): number => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && Math.abs(n) <= 2_147_483_647 ? n : wrong("应为整数");
};

/** An integer (State, Machine, Year…): number or numeric string, 32-bit. */
export const int = <P extends Presence = "required">(description: string, presence?: P) =>
  property(integerDoc(), readInt, description, presence);

/** An OpenAPI schema of one of the platform's integer enums, every value documented. */
export function enumSchema(e: IntEnum<string>, description: string): Record<string, unknown> {
  return {
    type: "integer",
    enum: e.entries.map((x) => x.value),
    description: `${description}：${e.entries.map((x) => `${x.value} ${x.label}`).join("，")}`,
    "x-enum-varnames": e.entries.map((x) => x.key),
  };
}

/** One of the platform's integer enums, every value documented (INVALID_ENUM outside them). */
export const intEnum = <P extends Presence = "required">(e: IntEnum<string>, description: string, presence?: P) => {
  const doc = enumSchema(e, description);
  return property(
    z.number().meta(doc),
    (v) => {
      const n = readInt(v);
      return e.has(n) ? n : refuse("INVALID_ENUM", { value: String(n) });
    },
    doc.description as string,
    presence,
  );
};

/** A third-party id (ThridId / ThirdId, bigint): digits, as a number or a string. */
export const thirdId = <P extends Presence = "required">(description: string, presence?: P) =>
  property(
    z.string().meta({ type: "integer" }),
    (v) => {
      if (typeof v === "number") {
        // beyond 2^53 a JSON number has already lost digits: refuse rather than store a wrong id
        if (!Number.isSafeInteger(v) || v < 0) wrong("应为非负整数；超过 9007199254740991 的请以字符串发送");
        return String(v);
      }
      if (typeof v === "string" && /^\s*\d{1,19}\s*$/.test(v)) return v.trim();
      return wrong("应为整数");
    },
    description,
    presence,
  );

/** A date as the annex writes it (a code: trimmed, a number allowed), through the one date codec. */
const dated = (codec: (text: string) => string) => (v: {}) => {
  const t = readCode(v);
  return t === undefined ? undefined : codec(t);
};

/** `yyyyMMddHHmmss` (China time) → ISO instant. */
export const dateTime = <P extends Presence = "required">(description: string, presence?: P) =>
  property(
    z.string(),
    dated((t) => parseDateTime14(t).toISOString()),
    description,
    presence,
  );

/** `yyyyMMdd` (China calendar date) → `YYYY-MM-DD`. */
export const date = <P extends Presence = "required">(description: string, presence?: P) =>
  property(z.string(), dated(parseDate8), description, presence);

// ------------------------------------------------------------------ objects and lists

/** GraphQL field names → annex property names of the records built here (for renaming refusals). */
const NAMES = new WeakMap<z.ZodType, FieldNames>();

/** The GraphQL field names a schema built here renames, and the annex names they stand for. */
export function fieldNamesOf(schema: z.ZodType | undefined): FieldNames {
  return (schema && NAMES.get(schema)) ?? {};
}

const checkObject = (reason: string, nullIsAbsent: boolean) =>
  guarded((raw) => {
    if (raw === undefined || (raw === null && nullIsAbsent)) refuse("MISSING_FIELD");
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) wrong(reason);
    return raw;
  });

/** An annex object's properties: annex name → [GraphQL name, schema], in the order they are read. */
type Fields = Record<string, readonly [string, z.ZodType]>;
type Renamed<F extends Fields> = { -readonly [K in keyof F as F[K][0]]: z.output<F[K][1]> };

/**
 * An annex object (`Overview`, `Station`, an item of `Items`) read into the GraphQL input:
 * each property under its GraphQL name. When several are wrong, the first listed is named.
 */
export function record<const F extends Fields>(fields: F, description?: string): z.ZodType<Renamed<F>> {
  const entries = Object.entries(fields);
  const shape = Object.fromEntries(entries.map(([annex, [, schema]]) => [annex, schema]));
  const schema = z
    .preprocess(
      checkObject("应为对象", true),
      z
        .object(shape)
        .transform((o) => Object.fromEntries(entries.map(([annex, [name]]) => [name, o[annex]])) as Renamed<F>),
    )
    .meta(description ? { description } : {});
  const names: Record<string, string> = {};
  for (const [annex, [name, property]] of entries) Object.assign(names, fieldNamesOf(property), { [name]: annex });
  NAMES.set(schema, names);
  return schema as unknown as z.ZodType<Renamed<F>>;
}

/** `{Name}` (the annex's `Man`, `Factory`): the name alone. */
export const named = (description: string): z.ZodType<string> =>
  z.preprocess(
    checkObject("应为对象", true),
    z.object({ Name: text(description) }).transform((o) => o.Name),
  ) as unknown as z.ZodType<string>;

/** The subgraphs' batch limit: at most this many items in one call. */
export const MAX_ITEMS = 1000;

/** A batch (`Items`): at least one JSON object, at most `max` (BATCH_TOO_LARGE beyond). */
export function items<T>(
  element: z.ZodType<T>,
  { description, max = MAX_ITEMS }: { description?: string; max?: number } = {},
): z.ZodType<T[]> {
  const schema = z
    .preprocess(
      guarded((raw) => {
        if (raw === undefined || raw === null) refuse("MISSING_FIELD");
        if (!Array.isArray(raw)) wrong("应为数组");
        if (raw.length === 0) wrong("不能为空");
        if (raw.length > max) refuse("BATCH_TOO_LARGE", { limit: max }, false);
        return raw;
      }),
      z.array(z.preprocess(checkObject("应为 JSON 对象", false), element)),
    )
    .meta(description ? { description } : {});
  NAMES.set(schema, fieldNamesOf(element));
  return schema as unknown as z.ZodType<T[]>;
}

// ------------------------------------------------------------------ HTTP parameters

/** A parameter as sent (query string or form field): trimmed; blank counts as absent. */
const readParam = (v: {}): string | undefined => (typeof v === "string" ? v.trim() || undefined : undefined);

/** A text parameter (`barcode`, `cursor`…). */
export const word = <P extends Presence = "required">(
  description: string,
  presence?: P,
  doc: Record<string, unknown> = {},
) => property(z.string().meta(doc), readParam, description, presence);

/** A non-negative 32-bit integer parameter (an id, a size): GraphQL's Int names nothing larger. */
export const count = <P extends Presence = "required">(
  description: string,
  presence?: P,
  doc: Record<string, unknown> = {},
) =>
  property(
    integerDoc().meta(doc),
    (v) => {
      const t = readParam(v);
      if (t !== undefined && (!/^\d{1,10}$/.test(t) || Number(t) > 2_147_483_647)) wrong("应为非负整数");
      return t === undefined ? undefined : Number(t);
    },
    description,
    presence,
  );

/** Documentation only (request examples, value schemas): an OpenAPI 3 schema object. */
export function openApiSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { io: "input", target: "openapi-3.0" }) as Record<string, unknown>;
}
