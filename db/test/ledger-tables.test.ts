/**
 * The frozen serialisation lists (ledger/tables.ts) against the drizzle schema: every column
 * of a ledgered table is serialised (with the kind its SQL type calls for) or deliberately
 * excluded. When this fails after a schema change, add a new serialisation format for that
 * table rather than editing format 1 (old leaves were hashed with it).
 */
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { canonicalText, canonicalTextReference } from "../src/ledger/canonical";
import { type ColumnKind, LEDGERED_TABLES } from "../src/ledger/tables";
import * as schema from "../src/schema/index";

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function kindOf(sqlType: string): ColumnKind {
  if (/^(smallint|integer|bigint)$/.test(sqlType)) return "integer";
  if (sqlType.startsWith("numeric")) return "decimal";
  if (sqlType === "boolean") return "boolean";
  if (sqlType === "timestamp with time zone") return "instant";
  if (sqlType === "date") return "date";
  if (/^(text|varchar\(\d+\)|char\(\d+\))$/.test(sqlType) || !sqlType.includes(" ")) return "text"; // enums
  throw new Error(`no canonical kind for ${sqlType}`);
}

const tables = new Map<string, PgTable>();
for (const v of Object.values(schema)) {
  try {
    const c = getTableConfig(v as PgTable);
    tables.set(`${c.schema}.${c.name}`, v as PgTable);
  } catch {
    // not a table
  }
}

function columnsOf(name: string): [string, ColumnKind][] {
  const t = tables.get(name);
  if (!t) throw new Error(`${name} is not in the schema`);
  return getTableConfig(t).columns.map((c) => [snake(c.name), kindOf(c.getSQLType())]);
}

describe("ledgered tables", () => {
  it.each(LEDGERED_TABLES.map((t) => [t.name, t] as const))("%s: format lists every column", (name, spec) => {
    const actual = columnsOf(name).filter(([c]) => c !== "id" && !spec.excluded.includes(c));
    expect(spec.columns.map(([c, k]) => [c, k])).toEqual(actual);
    if (spec.children) {
      const ch = spec.children;
      const childColumns = columnsOf(`${ch.schema}.${ch.table}`).filter(([c]) => c !== ch.foreignKey);
      expect(ch.columns.map(([c, k]) => [c, k])).toEqual(childColumns);
    }
  });
});

describe("canonical writer", () => {
  const awkward = [
    "",
    "张三",
    'say "hi"',
    "back\\slash",
    "tab\tnew\nline\r",
    "\u0000\u001f\u007f",
    "\u2028\u2029",
    "😀 emoji",
    "</script>",
    "14.50",
  ];
  it.each(LEDGERED_TABLES.map((t) => [t.name, t] as const))(
    "%s: is exactly JSON.stringify of the record",
    (_, spec) => {
      for (let k = 0; k < 40; k++) {
        const row: Record<string, unknown> & { id: string } = { id: String(1_000_000_007 * k) };
        spec.columns.forEach((_, i) => {
          row[`c${i}`] = (i + k) % 4 === 0 ? null : awkward[(i * 7 + k) % awkward.length];
        });
        if (spec.children) {
          row.k = JSON.stringify(
            Array.from({ length: k % 3 }, (_, j) =>
              spec.children!.columns.map((_, c) => (c === j ? null : awkward[(j + c + k) % awkward.length])),
            ),
          );
        }
        expect(canonicalText(spec, 1 + (k % 3), row)).toBe(canonicalTextReference(spec, 1 + (k % 3), row));
      }
    },
  );
});
