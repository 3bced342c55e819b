/**
 * The registry of ledgered tables: which stored records become leaves, and exactly which
 * columns (in which order, formatted how) their canonical serialisation holds. The lists are
 * frozen per serialisation `format`: a leaf records the format it was hashed with, so adding
 * or retyping a column means a new format for that table (a test compares these lists with
 * the drizzle schema and fails until that is done), never a silent change of old leaves.
 *
 * Immutable tables (checks, fills, inspection results) have one leaf per record (version 1);
 * their rows may never be updated or deleted (migration 0003). Mutable tables (cylinders,
 * registrations) get a new version leaf for each new state, and keep each version's
 * serialisation in `ledger.leaf.content`, so that earlier states stay verifiable.
 * `updated_at` is bookkeeping (moved by a trigger on any UPDATE) and is not serialised.
 */

/** How a column's value is written in the canonical form (see canonical.ts). */
export type ColumnKind =
  /** text, varchar, char (trailing blanks dropped), enum labels */
  | "text"
  /** smallint, integer, bigint, as decimal digits */
  | "integer"
  /** numeric(p, s), with exactly s decimals as the column stores it (e.g. "14.50") */
  | "decimal"
  /** "true" / "false" */
  | "boolean"
  /** timestamptz, in UTC with microseconds: 2021-07-01T02:03:04.000000Z */
  | "instant"
  /** date: 2021-07-01 */
  | "date";

export type ColumnSpec = readonly [name: string, kind: ColumnKind];

export interface ChildSpec {
  /** Key under which the child rows appear in the serialisation. */
  readonly key: string;
  readonly schema: string;
  readonly table: string;
  /** Column of the child pointing at the parent's id. */
  readonly foreignKey: string;
  /** Serialised columns of each child, `id` first; children are ordered by id. */
  readonly columns: readonly ColumnSpec[];
}

export interface LedgeredTable {
  /** "schema.table" */
  readonly name: LedgeredTableName;
  readonly schema: string;
  readonly table: string;
  /** Mutable records get a leaf per version, with the serialisation kept in the leaf. */
  readonly versioned: boolean;
  /** The serialisation format these lists define. */
  readonly format: number;
  /** Serialised columns after `id`, in order. */
  readonly columns: readonly ColumnSpec[];
  /** Columns of the table deliberately left out of the serialisation. */
  readonly excluded: readonly string[];
  readonly children?: ChildSpec;
}

export const LEDGERED_TABLE_NAMES = [
  "trace.before_fill_check",
  "trace.fill_record",
  "trace.after_fill_check",
  "trace.inspection_result",
  "registry.registration",
  "registry.cylinder",
] as const;

export type LedgeredTableName = (typeof LEDGERED_TABLE_NAMES)[number];

const syncAndCreated: ColumnSpec[] = [
  ["source_prefecture_code", "text"],
  ["source_id", "integer"],
  ["created_at", "instant"],
];

const checkColumns: ColumnSpec[] = [
  ["unit_id", "integer"],
  ["third_id", "integer"],
  ["barcode", "text"],
  ["state", "integer"],
  ["remark", "text"],
  ["checked_at", "instant"],
  ["checked_at_source", "text"],
  ["inspector_name", "text"],
  ["prefecture_code", "text"],
  ["received_at", "instant"],
  ...syncAndCreated,
];

const TABLES: readonly LedgeredTable[] = [
  {
    name: "trace.before_fill_check",
    schema: "trace",
    table: "before_fill_check",
    versioned: false,
    format: 1,
    columns: checkColumns,
    excluded: ["updated_at"],
  },
  {
    name: "trace.fill_record",
    schema: "trace",
    table: "fill_record",
    versioned: false,
    format: 1,
    columns: [
      ["unit_id", "integer"],
      ["third_id", "integer"],
      ["barcode", "text"],
      ["idle_weight", "decimal"],
      ["gross_weight", "decimal"],
      ["net_weight", "decimal"],
      ["begin_at", "instant"],
      ["end_at", "instant"],
      ["machine", "integer"],
      ["scale_factory", "text"],
      ["filler_name", "text"],
      ["prefecture_code", "text"],
      ["received_at", "instant"],
      ...syncAndCreated,
    ],
    excluded: ["updated_at"],
  },
  {
    name: "trace.after_fill_check",
    schema: "trace",
    table: "after_fill_check",
    versioned: false,
    format: 1,
    columns: checkColumns,
    excluded: ["updated_at"],
  },
  {
    name: "trace.inspection_result",
    schema: "trace",
    table: "inspection_result",
    versioned: false,
    format: 1,
    columns: [
      ["order_id", "integer"],
      ["barcode", "text"],
      ["station_unit_id", "integer"],
      ["third_id", "integer"],
      ["conclusion", "integer"],
      ["report_date", "date"],
      ["report_no", "text"],
      ["valve_replaced", "boolean"],
      ["valve_maker", "text"],
      ["next_date", "date"],
      ["remark", "text"],
      ["prefecture_code", "text"],
      ["received_at", "instant"],
      ["lateness", "text"],
      ...syncAndCreated,
    ],
    excluded: ["updated_at"],
  },
  {
    name: "registry.registration",
    schema: "registry",
    table: "registration",
    versioned: true,
    format: 1,
    columns: [
      ["unit_id", "integer"],
      ["third_id", "integer"],
      ["apply_kind", "text"],
      ["style", "text"],
      ["medium", "text"],
      ["factory_unit_id", "integer"],
      ["product_date", "date"],
      ["discard_date", "date"],
      ["check_date", "date"],
      ["next_date", "date"],
      ["idle_weight", "decimal"],
      ["remark", "text"],
      ["valve", "integer"],
      ["pay_image", "text"],
      ["batch_image", "text"],
      ["device_image", "text"],
      ["status", "text"],
      ["reviewer_unit_id", "integer"],
      ["reviewed_at", "instant"],
      ["review_comment", "text"],
      ["created_at", "instant"],
    ],
    excluded: ["updated_at"],
    children: {
      key: "items",
      schema: "registry",
      table: "registration_item",
      foreignKey: "registration_id",
      columns: [
        ["id", "integer"],
        ["barcode", "text"],
        ["printno", "text"],
        ["inner_no", "text"],
      ],
    },
  },
  {
    name: "registry.cylinder",
    schema: "registry",
    table: "cylinder",
    versioned: true,
    format: 1,
    columns: [
      ["barcode", "text"],
      ["kind", "text"],
      ["owner_unit_id", "integer"],
      ["prefecture_code", "text"],
      ["registration_id", "integer"],
      ["state", "integer"],
      ["medium", "text"],
      ["printno", "text"],
      ["inner_no", "text"],
      ["style", "text"],
      ["valve", "integer"],
      ["product_date", "date"],
      ["discard_date", "date"],
      ["check_date", "date"],
      ["next_date", "date"],
      ["idle_weight", "decimal"],
      ["fill_weight", "decimal"],
      ["nominal_pressure", "decimal"],
      ["volume", "decimal"],
      ["thickness", "decimal"],
      ["water_pressure", "decimal"],
      ["check_period", "integer"],
      ["life_period", "integer"],
      ["factory", "text"],
      ["factory_unit_id", "integer"],
      ["designer", "text"],
      ["supervise", "text"],
      ["check_unit", "text"],
      ["register_date", "instant"],
      ["register_no", "text"],
      ["car_cylinder_type", "text"],
      ["car_no", "text"],
      ["car_type", "integer"],
      ["car_vin", "text"],
      ["certificate_date", "date"],
      ["use_date", "date"],
      ["device_code", "text"],
      ["product_no", "text"],
      ["company", "text"],
      ["identity_no_enc", "text"],
      ["identity_no_masked", "text"],
      ["install", "text"],
      ["office", "text"],
      ...syncAndCreated,
    ],
    // last_inspection_result_id only orders re-delivered inspection results; the archive
    // facts it leads to (check/next date, check unit, state) are in the record
    excluded: ["updated_at", "last_inspection_result_id"],
  },
];

const BY_NAME = new Map<string, LedgeredTable>(TABLES.map((t) => [t.name, t]));

export const LEDGERED_TABLES: readonly LedgeredTable[] = TABLES;

export function isLedgeredTable(name: string): name is LedgeredTableName {
  return BY_NAME.has(name);
}

/** The spec of a ledgered table; throws on a name that is not ledgered. */
export function ledgeredTable(name: string): LedgeredTable {
  const t = BY_NAME.get(name);
  if (!t) throw new RangeError(`${name} is not a ledgered table`);
  return t;
}

/** The spec for a leaf's (schema, table), or undefined for a table the ledger does not know. */
export function ledgeredTableOf(schema: string, table: string): LedgeredTable | undefined {
  return BY_NAME.get(`${schema}.${table}`);
}
