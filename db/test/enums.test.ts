import { describe, expect, it } from "vitest";
import { CarType, CheckState, CylinderState, ReconciliationType, Valve } from "../src/standard/enums";
import { normalizeMedium } from "../src/standard/media";
import { PREFECTURES, prefectureByCode } from "../src/standard/prefectures";

describe("annex enums", () => {
  it.each([
    [Valve, 1, "角阀液相"],
    [Valve, 3, "直阀气相"],
    [CheckState, 0, "合格"],
    [CheckState, 1, "不合格"],
    [ReconciliationType, 2, "充装记录笔数"],
    [CylinderState, 4, "报废"],
    [CarType, 1, "出租车"],
  ] as const)("%#: %s labels %s", (e, value, label) => {
    expect(e.label(value)).toBe(label);
    expect(e.parse(value, e.name)).toBe(value);
  });

  it.each([
    [Valve, 4],
    [CheckState, 2],
    [ReconciliationType, 0],
    [CylinderState, 1.5],
    [CylinderState, "x"],
    [CylinderState, null],
  ] as const)("%#: refuses %s", (e, value) => {
    expect(() => e.parse(value, "State")).toThrow(/不在允许范围内/);
  });

  it("accepts integers sent as strings", () => {
    expect(Valve.parse(" 2 ", "Valve")).toBe(2);
  });
});

describe("media and prefectures", () => {
  it.each([
    ["LPG", "液化石油气"],
    ["液化气", "液化石油气"],
    ["cng", "压缩天然气"],
    [" 液化石油气 ", "液化石油气"],
    ["某新介质", "某新介质"],
  ])("%s → %s", (raw, canonical) => expect(normalizeMedium(raw)).toBe(canonical));

  it("has the 16 prefectures, Kunming and Wenshan self-built", () => {
    expect(PREFECTURES).toHaveLength(16);
    expect(PREFECTURES.filter((p) => p.mode === "self_built").map((p) => p.code)).toEqual(["530100", "532600"]);
    expect(prefectureByCode("532900")?.name).toBe("大理白族自治州");
  });
});
