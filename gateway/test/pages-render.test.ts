/**
 * The page renderers are pure: what they are given is escaped wherever it lands, the badge
 * says every reason, and the label sheet repeats each code as often as asked.
 */
import { describe, expect, it } from "vitest";
import { renderLabelSheet } from "../src/pages/label-sheet";
import { renderNotFoundPage } from "../src/pages/not-found-page";
import { renderScanPage } from "../src/pages/scan-page";
import type { ScanCylinder } from "../src/pages/scan-query";

const EVIL = `<img src=x onerror="alert(1)">`;

const cylinder = (over: Partial<ScanCylinder> = {}): ScanCylinder => ({
  barcode: "X-1",
  kind: "GENERIC",
  state: 1,
  stateLabel: "正常（在用）",
  medium: "液化石油气",
  style: "YSP35.5",
  volume: 35.5,
  nominalPressure: 2.1,
  fillWeight: 14.5,
  productDate: "2031-01-01",
  discardDate: "2039-01-01",
  checkDate: null,
  nextDate: "2035-01-01",
  checkPeriod: 4,
  lifePeriod: 8,
  factory: EVIL,
  registerDate: "2031-02-01T02:00:00.000Z",
  prefectureCode: "530100",
  owner: { name: EVIL },
  publicRegistration: { registeredAt: null, certificateNo: EVIL, office: EVIL },
  publicPermit: {
    permitted: false,
    label: "禁止充装",
    reasons: [
      { code: "SCRAPPED", message: "气瓶已报废，不能再使用" },
      { code: "X", message: EVIL },
    ],
    judgedForUnitId: 1,
    decidedAt: "2032-03-01T04:00:00.000Z",
  },
  publicTrace: {
    lastInspection: null,
    lastFills: [{ filledAt: "2032-02-28T02:00:00.000Z", netWeight: 14.2, unit: { name: EVIL } }],
  },
  ...over,
});

describe("the scan page renderer", () => {
  it("escapes everything it is given", () => {
    const html = renderScanPage({
      cylinder: cylinder(),
      head: null,
      report: { error: EVIL, values: { description: EVIL } },
    });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("lists every reason and times in China", () => {
    const html = renderScanPage({ cylinder: cylinder(), head: null });
    expect(html).toContain("<li>气瓶已报废，不能再使用</li>");
    expect(html).toContain("2032-02-28 10:00"); // 02:00 UTC is 10:00 in China
    expect(html).toContain("14.20 kg");
  });

  it("marks a past next-inspection date and says who judged", () => {
    const html = renderScanPage({ cylinder: cylinder({ nextDate: "2032-02-29" }), head: null });
    expect(html).toContain("2032-02-29（已超期）");
    expect(html).toContain("按产权单位判定");
  });
});

describe("the other renderers", () => {
  it("not found: the code escaped and shortened", () => {
    const html = renderNotFoundPage(`${EVIL}${"9".repeat(200)}`);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("9".repeat(100));
  });

  it("a car sheet: three labels per code", () => {
    const html = renderLabelSheet({ title: "t", note: "n", codes: ["A1", "A2"], copies: 3, baseUrl: "https://x.test" });
    expect(html.match(/class="label"/g)).toHaveLength(6);
    expect(html.match(/>A2<\/text>/g)).toHaveLength(3);
  });
});
