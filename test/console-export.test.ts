/**
 * The console's export of what a table shows (console/src/lib/export.ts), run in Node: CSV
 * with a byte-order mark, every field quoted, formulas defused; an .xlsx package that opens
 * again as one sheet with the same cells (header bold, numbers as numbers, text as text).
 */
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { tableOf, toCsv, toXlsx, xlsxFiles } from "../console/src/lib/export";

interface Row {
  barcode: string;
  note: string;
  count: number;
}
const rows: Row[] = [
  { barcode: "1103007831", note: '超期未检，"复检"', count: 3 },
  { barcode: '=HYPERLINK("x")', note: "第二行\n换行", count: 0 },
];
const table = tableOf<Row>(
  [
    { label: "气瓶编号", value: (r) => r.barcode },
    { label: "说明", value: (r) => r.note },
    { label: "次数", value: (r) => r.count },
  ],
  rows,
);

describe("CSV", () => {
  it("starts with a BOM, quotes every field, doubles quotes and defuses formulas", () => {
    const csv = toCsv(table);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"气瓶编号","说明","次数"',
      '"1103007831","超期未检，""复检""","3"',
      '"\'=HYPERLINK(""x"")","第二行\n换行","0"',
      "",
    ]);
  });
});

describe("Excel", () => {
  it("is a zip of the Office Open XML parts with the table's cells", async () => {
    const zip = unzipSync(await toXlsx(table, "报警/列表"));
    expect(Object.keys(zip).sort()).toEqual(Object.keys(xlsxFiles(table, "x")).sort());
    const sheet = strFromU8(zip["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">气瓶编号</t></is></c>');
    expect(sheet).toContain('<c r="C2"><v>3</v></c>');
    expect(sheet).toContain("超期未检，&quot;复检&quot;");
    expect(strFromU8(zip["xl/workbook.xml"]!)).toContain('name="报警 列表"');
  });
});
