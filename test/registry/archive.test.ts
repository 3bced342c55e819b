/**
 * The archive's other writers over real HTTP: car code ranges and binding (annex 2), fill
 * permissions, regulators' state changes, inspection results, new units, the registry's
 * prefecture figures; and `cylinderChanges` paging under the change horizon.
 */
import { addDays, addYears, chinaMidnight, chinaToday, formatCarCode } from "@cylinder/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { codeOf, ok } from "./helpers";

let t: TestPlatform;
const tickets: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestPlatform();
  for (const [role, username] of Object.entries(t.world.accounts)) tickets[role] = await t.login(username);
});
afterAll(() => t?.stop());

describe("car code ranges and binding (annex 2)", () => {
  const ALLOCATE = `mutation($u: Int!, $n: Int!) {
    allocateCarCodeRange(unitId: $u, count: $n) { id unitId prefectureCode firstSerial lastSerial count firstCode lastCode allocatedByUnitId }
  }`;
  const BIND = `mutation($input: CarCylinderInput!) {
    bindCarCylinder(input: $input) { barcode kind state medium ownerUnitId prefectureCode nextDate volume registerDate
      car { registerNo cylinderType carNo carType carTypeLabel carVin company identityNo } }
  }`;
  // registered a month ago, made half a year ago, next inspection three years after that
  const registered = () => addDays(t.world.dates.today, -33);
  const made = () => addDays(t.world.dates.today, -180);
  const car = (barcode: string, extra: Record<string, unknown> = {}) => ({
    barcode,
    registerNo: "瓶3T云A00077(26)",
    registerDate: registered(),
    cylinderType: "缠绕气瓶",
    volume: 80,
    medium: "CNG",
    carNo: "云A·D1234",
    carType: 1,
    carVin: "LSVAU2180N2183456",
    productDate: made(),
    nextDate: addYears(made(), 3),
    company: "昆明市出租汽车公司",
    identityNo: "530102199001011234",
    ...extra,
  });

  it("allocates consecutive ranges of the station's prefecture", async () => {
    type R = {
      allocateCarCodeRange: {
        firstSerial: number;
        lastSerial: number;
        count: number;
        firstCode: string;
        lastCode: string;
      };
    };
    const a = ok(
      await t.gql<R>(ALLOCATE, { u: t.world.units.carStation, n: 100 }, tickets.kmRegulator),
    ).allocateCarCodeRange;
    expect(a).toMatchObject({
      prefectureCode: "530100",
      firstSerial: 1,
      lastSerial: 100,
      count: 100,
      firstCode: formatCarCode("530100", 1),
      lastCode: formatCarCode("530100", 100),
      allocatedByUnitId: t.world.units.kmAuthority,
    });
    const b = ok(
      await t.gql<R>(ALLOCATE, { u: t.world.units.carStation, n: 5 }, tickets.province),
    ).allocateCarCodeRange;
    expect([b.firstSerial, b.lastSerial]).toEqual([101, 105]);
  });

  it.each([
    [
      "a unit not licensed for car media",
      () => ({ u: t.world.units.kmFilling, n: 10 }),
      "kmRegulator",
      "INVALID_FIELD",
    ],
    ["a count of zero", () => ({ u: t.world.units.carStation, n: 0 }), "kmRegulator", "INVALID_FIELD"],
    ["another prefecture's regulator", () => ({ u: t.world.units.carStation, n: 10 }), "qjRegulator", "FORBIDDEN"],
    ["a filling unit", () => ({ u: t.world.units.carStation, n: 10 }), "carStation", "FORBIDDEN"],
    ["an unknown unit", () => ({ u: 999_999, n: 10 }), "province", "NOT_FOUND"],
  ])("refuses allocating to %s", async (_, vars, who, code) => {
    expect(codeOf(await t.gql(ALLOCATE, vars(), tickets[who]))).toBe(code);
  });

  it("lists ranges by scope", async () => {
    const Q = `query($u: Int) { carCodeRanges(unitId: $u) { firstSerial unitId } }`;
    type L = { carCodeRanges: { firstSerial: number }[] };
    expect(ok(await t.gql<L>(Q, {}, tickets.carStation)).carCodeRanges.map((r) => r.firstSerial)).toEqual([1, 101]);
    expect(ok(await t.gql<L>(Q, {}, tickets.kmRegulator)).carCodeRanges).toHaveLength(2);
    expect(ok(await t.gql<L>(Q, {}, tickets.qjRegulator)).carCodeRanges).toHaveLength(0);
    expect(ok(await t.gql<L>(Q, { u: t.world.units.carStation }, tickets.province)).carCodeRanges).toHaveLength(2);
    expect(ok(await t.gql<L>(Q, {}, tickets.kmFilling)).carCodeRanges).toHaveLength(0);
    expect(codeOf(await t.gql(Q, { u: t.world.units.carStation }, tickets.kmFilling))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(Q, {}, tickets.station))).toBe("FORBIDDEN");
    expect(codeOf(await t.gql(Q, {}))).toBe("FORBIDDEN");
  });

  it("binds a code of the station's own range to a car cylinder; IdentityNo sealed and masked by role", async () => {
    const code = formatCarCode("530100", 42);
    const r = ok(
      await t.gql<{ bindCarCylinder: Record<string, unknown> }>(BIND, { input: car(` ${code} `) }, tickets.carStation),
    );
    expect(r.bindCarCylinder).toMatchObject({
      barcode: code,
      kind: "CAR",
      state: 1,
      medium: "压缩天然气",
      ownerUnitId: null,
      prefectureCode: "530100",
      nextDate: addYears(made(), 3),
      volume: 80,
      registerDate: chinaMidnight(registered()).toISOString(), // the day began at 16:00 UTC the day before
      car: {
        registerNo: "瓶3T云A00077(26)",
        carNo: "云A·D1234",
        carType: 1,
        carTypeLabel: "出租车",
        identityNo: "530102********1234",
      },
    });
    const [row] = (await t.database
      .sql`select identity_no_enc from registry.cylinder where barcode = ${code}`) as unknown as [
      { identity_no_enc: string },
    ];
    expect(row.identity_no_enc).toMatch(/^gcm1:/);
    expect(row.identity_no_enc).not.toContain("1234");
    const Q = `query($b: String!) { cylinder(barcode: $b) { car { identityNo } } }`;
    type C = { cylinder: { car: { identityNo: string } } };
    expect(ok(await t.gql<C>(Q, { b: code }, tickets.kmRegulator)).cylinder.car.identityNo).toBe("530102199001011234");
    expect(ok(await t.gql<C>(Q, { b: code }, tickets.qjFilling)).cylinder.car.identityNo).toBe("530102********1234");
  });

  it.each([
    ["a code outside its ranges", () => car(formatCarCode("530100", 500)), "carStation", "CODE_OUT_OF_RANGE"],
    ["a code of another prefecture", () => car(formatCarCode("530300", 5)), "carStation", "CODE_OUT_OF_RANGE"],
    [
      "another station binding the range's code",
      () => car(formatCarCode("530100", 43)),
      "kmFilling",
      "CODE_OUT_OF_RANGE",
    ],
    [
      "a mistyped code (check digit)",
      () => car(formatCarCode("530100", 44).replace(/\d$/, (d) => String((Number(d) + 1) % 10))),
      "carStation",
      "INVALID_FIELD",
    ],
    ["a code already bound", () => car(formatCarCode("530100", 42)), "carStation", "DUPLICATE_BARCODE"],
    [
      "a generic medium",
      () => car(formatCarCode("530100", 45), { medium: "液化石油气" }),
      "carStation",
      "INVALID_FIELD",
    ],
    [
      "a car type outside the enum",
      () => car(formatCarCode("530100", 46), { carType: 6 }),
      "carStation",
      "INVALID_ENUM",
    ],
    ["a regulator", () => car(formatCarCode("530100", 47)), "kmRegulator", "FORBIDDEN"],
  ])("refuses %s", async (_, input, who, code) => {
    expect(codeOf(await t.gql(BIND, { input: input() }, tickets[who]))).toBe(code);
  });
});

describe("fill permissions", () => {
  const GRANT = `mutation($input: FillPermissionInput!) {
    grantFillPermission(input: $input) { id fillingUnitId ownerUnitId barcode validFrom validTo reason active grantedByUnitId }
  }`;
  const LIST = `query($f: FillPermissionFilter) { fillPermissions(filter: $f) { id active revokedAt } }`;
  let byOwner: number;

  it("a regulator of the owner's prefecture grants by owner; the filler can then read the owner's cylinders", async () => {
    const q = `query($b: String!) { cylinder(barcode: $b) { barcode } }`;
    expect(codeOf(await t.gql(q, { b: t.world.barcodes.kmNormal }, tickets.qjFilling))).toBe("NOT_OWN_CYLINDER");
    const r = ok(
      await t.gql<{ grantFillPermission: { id: number; active: boolean } }>(
        GRANT,
        {
          input: {
            fillingUnitId: t.world.units.qjFilling,
            ownerUnitId: t.world.units.kmFilling,
            validTo: "2099-12-31",
            reason: "跨州市代充",
          },
        },
        tickets.kmRegulator,
      ),
    );
    expect(r.grantFillPermission).toMatchObject({
      active: true,
      grantedByUnitId: t.world.units.kmAuthority,
      validTo: "2099-12-31",
    });
    byOwner = r.grantFillPermission.id;
    expect(
      ok(await t.gql<{ cylinder: { barcode: string } }>(q, { b: t.world.barcodes.kmNormal }, tickets.qjFilling))
        .cylinder.barcode,
    ).toBe(t.world.barcodes.kmNormal);
    const [view] = (await t.database
      .sql`select count(*)::int as n from registry.fill_permission_v1 where filling_unit_id = ${t.world.units.qjFilling}`) as unknown as [
      { n: number },
    ];
    expect(view.n).toBe(1);
  });

  it("grants by barcode, and refuses what does not fit", async () => {
    ok(
      await t.gql(
        GRANT,
        { input: { fillingUnitId: t.world.units.kmFilling, barcode: t.world.barcodes.qjNormal, reason: "应急" } },
        tickets.qjRegulator,
      ),
    );
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { fillingUnitId: t.world.units.qjFilling, ownerUnitId: t.world.units.kmFilling, reason: "again" },
        "kmRegulator",
        "CONFLICT",
      ],
      [
        { fillingUnitId: t.world.units.qjFilling, ownerUnitId: t.world.units.kmFilling, barcode: "X", reason: "r" },
        "kmRegulator",
        "INVALID_FIELD",
      ],
      [{ fillingUnitId: t.world.units.qjFilling, reason: "r" }, "kmRegulator", "INVALID_FIELD"],
      [
        { fillingUnitId: t.world.units.station, ownerUnitId: t.world.units.kmFilling, reason: "r" },
        "kmRegulator",
        "INVALID_FIELD",
      ],
      [
        { fillingUnitId: t.world.units.kmFilling, ownerUnitId: t.world.units.kmFilling, reason: "r" },
        "kmRegulator",
        "INVALID_FIELD",
      ],
      [{ fillingUnitId: t.world.units.qjFilling, barcode: "NOPE", reason: "r" }, "kmRegulator", "UNKNOWN_BARCODE"],
      [
        { fillingUnitId: t.world.units.qjFilling, barcode: t.world.barcodes.car, reason: "r" },
        "kmRegulator",
        "INVALID_FIELD",
      ],
      [
        { fillingUnitId: t.world.units.qjFilling, barcode: t.world.barcodes.kmLocked, reason: " " },
        "kmRegulator",
        "MISSING_FIELD",
      ],
      [
        {
          fillingUnitId: t.world.units.qjFilling,
          barcode: t.world.barcodes.kmLocked,
          reason: "r",
          validTo: "2020-01-01",
        },
        "kmRegulator",
        "INVALID_FIELD",
      ],
      [
        { fillingUnitId: t.world.units.carStation, ownerUnitId: t.world.units.kmFilling, reason: "r" },
        "qjRegulator",
        "FORBIDDEN",
      ],
      [
        { fillingUnitId: t.world.units.carStation, ownerUnitId: t.world.units.kmFilling, reason: "r" },
        "kmFilling",
        "FORBIDDEN",
      ],
    ];
    for (const [input, who, code] of cases)
      expect(codeOf(await t.gql(GRANT, { input }, tickets[who])), JSON.stringify(input)).toBe(code);
  });

  it("lists by scope and activity, and revokes", async () => {
    type L = { fillPermissions: { id: number; active: boolean }[] };
    expect(ok(await t.gql<L>(LIST, {}, tickets.province)).fillPermissions).toHaveLength(2);
    expect(ok(await t.gql<L>(LIST, {}, tickets.kmRegulator)).fillPermissions).toHaveLength(2); // KM filler or KM owner
    expect(ok(await t.gql<L>(LIST, {}, tickets.qjFilling)).fillPermissions).toHaveLength(2); // filler of one, owner of the other's cylinder
    expect(ok(await t.gql<L>(LIST, {}, tickets.carStation)).fillPermissions).toHaveLength(0);
    expect(
      ok(await t.gql<L>(LIST, { f: { ownerUnitId: t.world.units.kmFilling } }, tickets.province)).fillPermissions.map(
        (p) => p.id,
      ),
    ).toEqual([byOwner]);
    expect(codeOf(await t.gql(LIST, {}, tickets.station))).toBe("FORBIDDEN");
    const REVOKE = `mutation($id: Int!) { revokeFillPermission(id: $id) { id active revokedAt } }`;
    expect(codeOf(await t.gql(REVOKE, { id: byOwner }, tickets.qjRegulator))).toBe("FORBIDDEN");
    const r = ok(
      await t.gql<{ revokeFillPermission: { active: boolean; revokedAt: string } }>(
        REVOKE,
        { id: byOwner },
        tickets.kmRegulator,
      ),
    );
    expect(r.revokeFillPermission.active).toBe(false);
    expect(codeOf(await t.gql(REVOKE, { id: byOwner }, tickets.kmRegulator))).toBe("INVALID_STATE");
    expect(ok(await t.gql<L>(LIST, { f: { active: true } }, tickets.province)).fillPermissions).toHaveLength(1);
    expect(
      ok(await t.gql<L>(LIST, { f: { active: false } }, tickets.province)).fillPermissions.map((p) => p.id),
    ).toEqual([byOwner]);
    expect(
      codeOf(await t.gql(`{ cylinder(barcode: "${t.world.barcodes.kmNormal}") { barcode } }`, {}, tickets.qjFilling)),
    ).toBe("NOT_OWN_CYLINDER");
  });
});

describe("cylinder state and inspection results", () => {
  const SET = `mutation($b: String!, $s: Int!, $r: String!) {
    setCylinderState(barcode: $b, state: $s, reason: $r) { barcode state stateLabel stateChanges { fromState toState reason source actorUnitId } }
  }`;

  it("a regulator in scope locks and restores with a reason, recorded in the history", async () => {
    const b = t.world.barcodes.kmNormal;
    ok(await t.gql(SET, { b, s: 2, r: "疑似改装，锁定待查" }, tickets.kmRegulator));
    const r = ok(
      await t.gql<{ setCylinderState: Record<string, unknown> }>(SET, { b, s: 1, r: "核查无误" }, tickets.province),
    );
    expect(r.setCylinderState).toMatchObject({
      state: 1,
      stateLabel: "正常（在用）",
      stateChanges: [
        {
          fromState: 1,
          toState: 2,
          reason: "疑似改装，锁定待查",
          source: "regulator",
          actorUnitId: t.world.units.kmAuthority,
        },
        { fromState: 2, toState: 1, reason: "核查无误", source: "regulator", actorUnitId: t.world.units.province },
      ],
    });
    // the same state again changes nothing
    const same = ok(
      await t.gql<{ setCylinderState: { stateChanges: unknown[] } }>(SET, { b, s: 1, r: "重复" }, tickets.province),
    );
    expect(same.setCylinderState.stateChanges).toHaveLength(2);
  });

  it.each([
    [
      "restoring a scrapped cylinder",
      () => ({ b: t.world.barcodes.kmScrapped, s: 1, r: "恢复" }),
      "kmRegulator",
      "INVALID_STATE",
    ],
    ["a state outside the enum", () => ({ b: t.world.barcodes.kmNormal, s: 9, r: "x" }), "kmRegulator", "INVALID_ENUM"],
    ["no reason", () => ({ b: t.world.barcodes.kmNormal, s: 3, r: " " }), "kmRegulator", "MISSING_FIELD"],
    [
      "another prefecture's regulator",
      () => ({ b: t.world.barcodes.kmNormal, s: 2, r: "x" }),
      "qjRegulator",
      "FORBIDDEN",
    ],
    ["the owner itself", () => ({ b: t.world.barcodes.kmNormal, s: 2, r: "x" }), "kmFilling", "FORBIDDEN"],
    ["an unknown barcode", () => ({ b: "NOPE", s: 2, r: "x" }), "province", "UNKNOWN_BARCODE"],
  ])("refuses %s", async (_, vars, who, code) => {
    expect(codeOf(await t.gql(SET, vars(), tickets[who]))).toBe(code);
  });

  const APPLY = `mutation($items: [InspectionResultUpdateInput!]!) { applyInspectionResults(items: $items) }`;
  const Q = `query($b: String!) { cylinder(barcode: $b) { state checkDate nextDate checkUnit stateChanges { toState source reason } } }`;
  type C = {
    cylinder: {
      state: number;
      checkDate: string;
      nextDate: string;
      checkUnit: string;
      stateChanges: { source: string }[];
    };
  };

  it("applies results idempotently; an older result never overwrites a newer one; a failed inspection scraps", async () => {
    const b = t.world.barcodes.kmOverdue;
    // inspected two weeks ago (the archive's last inspection is two years old), scrapped four days later
    const passed = addDays(t.world.dates.today, -14);
    const scrapped = addDays(passed, 4);
    const pass = {
      barcode: b,
      conclusion: 0,
      reportDate: passed,
      nextDate: addYears(passed, 4),
      stationName: "昆明市气瓶检验站",
      resultId: "11",
    };
    expect(
      ok(await t.gql<{ applyInspectionResults: number }>(APPLY, { items: [pass] }, tickets.operator))
        .applyInspectionResults,
    ).toBe(1);
    expect(ok(await t.gql<C>(Q, { b }, tickets.province)).cylinder).toMatchObject({
      state: 1,
      checkDate: passed,
      nextDate: pass.nextDate,
      checkUnit: "昆明市气瓶检验站",
    });
    // re-delivered, an older one, and an unknown barcode: nothing applied
    const older = { ...pass, reportDate: addYears(passed, -1), nextDate: addYears(passed, 3), resultId: "5" };
    const unknown = { ...pass, barcode: "NOT-REGISTERED", resultId: "12" };
    expect(
      ok(await t.gql<{ applyInspectionResults: number }>(APPLY, { items: [pass, older, unknown] }, tickets.operator))
        .applyInspectionResults,
    ).toBe(0);
    expect(ok(await t.gql<C>(Q, { b }, tickets.province)).cylinder.nextDate).toBe(pass.nextDate);
    // a newer failed inspection scraps it, once
    const scrap = {
      barcode: b,
      conclusion: 1,
      reportDate: scrapped,
      stationName: "昆明市气瓶检验站",
      resultId: "13",
    };
    expect(
      ok(await t.gql<{ applyInspectionResults: number }>(APPLY, { items: [scrap, scrap] }, tickets.operator))
        .applyInspectionResults,
    ).toBe(1);
    const c = ok(await t.gql<C>(Q, { b }, tickets.province)).cylinder;
    expect(c).toMatchObject({ state: 4, checkDate: scrapped, nextDate: pass.nextDate });
    expect(c.stateChanges).toEqual([
      { toState: 4, source: "inspection", reason: `定期检验不合格报废（昆明市气瓶检验站，${scrapped}）` },
    ]);
  });

  it("refuses a malformed batch whole, and anyone but the operator", async () => {
    const reportDate = addDays(t.world.dates.today, -14);
    const good = {
      barcode: t.world.barcodes.kmLocked,
      conclusion: 0,
      reportDate,
      nextDate: addYears(reportDate, 4),
      stationName: "站",
      resultId: "21",
    };
    const bad = { ...good, resultId: "22", nextDate: "2026-02-30" }; // no such date
    expect(codeOf(await t.gql(APPLY, { items: [good, bad] }, tickets.operator))).toBe("INVALID_DATE");
    expect(ok(await t.gql<C>(Q, { b: good.barcode }, tickets.province)).cylinder.checkDate).toBe(
      t.world.dates.checkDate,
    );
    for (const who of ["province", "station", "kmFilling"])
      expect(codeOf(await t.gql(APPLY, { items: [good] }, tickets[who]))).toBe("FORBIDDEN");
  });
});

describe("createUnit", () => {
  const CREATE = `mutation($input: UnitInput!) { createUnit(input: $input) { id kind name prefectureCode licensedMedia contactPhone authorityLevel } }`;

  it("the operator and a regulator in scope create units; phones are sealed", async () => {
    const r = ok(
      await t.gql<{ createUnit: Record<string, unknown> }>(
        CREATE,
        {
          input: {
            kind: "FILLING",
            name: "昆明市盘龙燃气站",
            prefectureCode: "530100",
            licensedMedia: ["LPG"],
            contactPhone: "13912345678",
          },
        },
        tickets.kmRegulator,
      ),
    );
    expect(r.createUnit).toMatchObject({ kind: "FILLING", licensedMedia: ["液化石油气"], contactPhone: "13912345678" });
    const [row] = (await t.database
      .sql`select contact_phone_enc from registry.unit where id = ${r.createUnit.id as number}`) as unknown as [
      { contact_phone_enc: string },
    ];
    expect(row.contact_phone_enc).toMatch(/^gcm1:/);
    const masked = ok(
      await t.gql<{ unit: { contactPhone: string } }>(
        `query($id: Int!) { unit(id: $id) { contactPhone } }`,
        { id: r.createUnit.id },
        tickets.qjFilling,
      ),
    );
    expect(masked.unit.contactPhone).toBe("139****5678");
    const authority = ok(
      await t.gql<{ createUnit: Record<string, unknown> }>(
        CREATE,
        {
          input: {
            kind: "AUTHORITY",
            name: "曲靖市市场监督管理局",
            prefectureCode: "530300",
            authorityLevel: "PREFECTURE",
          },
        },
        tickets.operator,
      ),
    );
    expect(authority.createUnit).toMatchObject({ authorityLevel: "PREFECTURE" });
  });

  it.each([
    [{ kind: "FILLING", name: "x", prefectureCode: "530300" }, "kmRegulator", "FORBIDDEN"],
    [{ kind: "AUTHORITY", name: "x", prefectureCode: "530100", authorityLevel: "COUNTY" }, "kmRegulator", "FORBIDDEN"],
    [{ kind: "FILLING", name: "x", prefectureCode: "530100" }, "kmFilling", "FORBIDDEN"],
    [{ kind: "FILLING", name: "x", prefectureCode: "110100" }, "operator", "INVALID_FIELD"],
    [{ kind: "FILLING", name: "x", prefectureCode: "530100", licensedMedia: ["牛奶"] }, "operator", "INVALID_FIELD"],
    [{ kind: "INSPECTION", name: "x", prefectureCode: "530100", licensedMedia: ["LPG"] }, "operator", "INVALID_FIELD"],
    [{ kind: "AUTHORITY", name: "x", prefectureCode: "530100" }, "operator", "INVALID_FIELD"],
    [{ kind: "FILLING", name: "x", prefectureCode: "530100", creditCode: "123" }, "operator", "INVALID_FIELD"],
  ])("refuses %j from %s", async (input, who, code) => {
    expect(codeOf(await t.gql(CREATE, { input }, tickets[who]))).toBe(code);
  });
});

describe("prefecture figures", () => {
  const Q = `{ prefectures { code cylinderCount overdueCylinderCount } }`;
  type P = { prefectures: { code: string; cylinderCount: number | null; overdueCylinderCount: number | null }[] };

  it("counts per prefecture in one query, for that prefecture's regulators and the province; null for others", async () => {
    const all = ok(await t.gql<P>(Q, {}, tickets.province)).prefectures;
    expect(all).toHaveLength(16);
    const km = all.find((p) => p.code === "530100")!;
    // overdue on the platform's today (its clock, China time), not the database's
    const [{ n, overdue }] = (await t.database.sql`
      select count(*)::int as n,
             (count(*) filter (where next_date < ${chinaToday(t.clock)}::date and state in (1,2,3)))::int as overdue
      from registry.cylinder where prefecture_code = '530100'`) as unknown as [{ n: number; overdue: number }];
    expect(km).toEqual({ code: "530100", cylinderCount: n, overdueCylinderCount: overdue });
    expect(all.find((p) => p.code === "530300")).toEqual({ code: "530300", cylinderCount: 1, overdueCylinderCount: 0 });
    expect(all.find((p) => p.code === "533400")).toEqual({ code: "533400", cylinderCount: 0, overdueCylinderCount: 0 });

    const mine = ok(await t.gql<P>(Q, {}, tickets.kmRegulator)).prefectures;
    expect(mine.find((p) => p.code === "530100")!.cylinderCount).toBe(n);
    expect(mine.filter((p) => p.cylinderCount !== null).map((p) => p.code)).toEqual(["530100"]);
    for (const who of ["kmFilling", "station", "public"]) {
      const r = ok(await t.gql<P>(Q, {}, tickets[who])).prefectures;
      expect(r.every((p) => p.cylinderCount === null && p.overdueCylinderCount === null)).toBe(true);
    }
  });

  it("counts an overdue cylinder in use, not a scrapped one", async () => {
    const before = ok(await t.gql<P>(Q, {}, tickets.province)).prefectures.find((p) => p.code === "530300")!;
    await t.database
      .sql`update registry.cylinder set next_date = '2020-01-01' where barcode = ${t.world.barcodes.qjNormal}`;
    const after = ok(await t.gql<P>(Q, {}, tickets.qjRegulator)).prefectures.find((p) => p.code === "530300")!;
    expect(after.overdueCylinderCount).toBe(before.overdueCylinderCount! + 1);
    await t.database.sql`update registry.cylinder set state = 4 where barcode = ${t.world.barcodes.qjNormal}`;
    const scrapped = ok(await t.gql<P>(Q, {}, tickets.qjRegulator)).prefectures.find((p) => p.code === "530300")!;
    expect(scrapped).toMatchObject({ cylinderCount: 1, overdueCylinderCount: 0 });
    await t.database
      .sql`update registry.cylinder set state = 1, next_date = ${t.world.dates.nextDate} where barcode = ${t.world.barcodes.qjNormal}`;
  });
});

describe("cylinderChanges", () => {
  const Q = `query($k: CylinderKind!, $s: DateTime!, $first: Int, $after: String) {
    cylinderChanges(kind: $k, since: $s, first: $first, after: $after) {
      nodes { barcode updatedAt } pageInfo { hasNextPage endCursor } horizon
    }
  }`;
  type Page = {
    cylinderChanges: {
      nodes: { barcode: string; updatedAt: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      horizon: string;
    };
  };

  async function readAll(ticket: string | undefined, since: string, first = 3, kind = "GENERIC") {
    const barcodes: string[] = [];
    let after: string | null = null;
    let horizon = "";
    for (let pages = 0; ; pages++) {
      const page: Page = ok(await t.gql<Page>(Q, { k: kind, s: since, first, after }, ticket));
      barcodes.push(...page.cylinderChanges.nodes.map((n) => n.barcode));
      if (pages === 0) horizon = page.cylinderChanges.horizon;
      else expect(page.cylinderChanges.horizon).toBe(horizon);
      if (!page.cylinderChanges.pageInfo.hasNextPage) break;
      after = page.cylinderChanges.pageInfo.endCursor;
    }
    return { barcodes, horizon };
  }

  beforeAll(async () => {
    // rows of one millisecond (microseconds apart), and one exactly at a second
    const rows = [
      ["CH-01", "2020-01-01 00:00:00.000001+00"],
      ["CH-02", "2020-01-01 00:00:00.000003+00"],
      ["CH-03", "2020-01-01 00:00:00.000002+00"],
      ["CH-04", "2020-01-01 00:00:00.000002+00"],
      ["CH-05", "2020-01-02 00:00:00+00"],
      ["CH-06", "2020-01-03 00:00:00+00"],
      ["CH-07", "2020-01-04 00:00:00+00"],
    ];
    for (const [barcode, at] of rows) {
      await t.database.sql`
        insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, created_at, updated_at)
        values (${barcode!}, 'generic', ${t.world.units.qjFilling}, '530300', '液化石油气', ${at!}, ${at!})`;
    }
  });

  it("pages in (updatedAt, id) order without skipping or repeating rows of the same millisecond", async () => {
    const { barcodes } = await readAll(tickets.province, "2019-12-31T00:00:00Z", 2);
    const ids = (await t.database
      .sql`select barcode from registry.cylinder where kind = 'generic' order by updated_at, id`) as unknown as {
      barcode: string;
    }[];
    expect(barcodes).toEqual(ids.map((r) => r.barcode));
    expect(barcodes.slice(0, 4)).toEqual(["CH-01", "CH-03", "CH-04", "CH-02"]);
    expect(new Set(barcodes).size).toBe(barcodes.length);
  });

  it("includes rows exactly at `since`, and filters by kind and scope", async () => {
    expect((await readAll(tickets.province, "2020-01-02T00:00:00.000Z")).barcodes.slice(0, 3)).toEqual([
      "CH-05",
      "CH-06",
      "CH-07",
    ]);
    const qj = await readAll(tickets.qjFilling, "2019-12-31T00:00:00Z");
    expect(qj.barcodes).toEqual([
      "CH-01",
      "CH-03",
      "CH-04",
      "CH-02",
      "CH-05",
      "CH-06",
      "CH-07",
      t.world.barcodes.qjNormal,
    ]);
    const km = await readAll(tickets.kmRegulator, "2019-12-31T00:00:00Z", 50);
    expect(km.barcodes.some((b) => b.startsWith("CH-"))).toBe(false);
    const cars = await readAll(tickets.kmFilling, "2019-12-31T00:00:00Z", 50, "CAR");
    expect(cars.barcodes).toContain(t.world.barcodes.car);
    for (const who of ["station", "public"]) {
      expect(codeOf(await t.gql(Q, { k: "GENERIC", s: "2020-01-01T00:00:00Z" }, tickets[who]))).toBe("FORBIDDEN");
    }
  });

  it("never misses a row written by a transaction still open when a page is read", async () => {
    const first = await readAll(tickets.province, "2019-12-31T00:00:00Z", 50);
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let written!: () => void;
    const inTransaction = new Promise<void>((r) => {
      written = r;
    });
    const writer = t.database.sql.begin(async (tx) => {
      await tx`update registry.cylinder set inner_no = 'late' where barcode = 'CH-01'`;
      await tx`insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium)
               values ('CH-LATE', 'generic', ${t.world.units.qjFilling}, '530300', '液化石油气')`;
      written();
      await held;
    });
    await inTransaction;
    // read with the watermark of the first read while the writer is still open: its rows are not there yet…
    const during = await readAll(tickets.province, first.horizon, 50);
    expect(during.barcodes).not.toContain("CH-LATE");
    expect(during.barcodes).not.toContain("CH-01");
    release();
    await writer;
    // …and the next read, from the watermark that read returned, has them
    const next = await readAll(tickets.province, during.horizon, 50);
    expect(next.barcodes).toEqual(expect.arrayContaining(["CH-01", "CH-LATE"]));
  });

  it("never misses a row of a transaction that had only read when the page was read (it writes later, dated at its start)", async () => {
    const first = await readAll(tickets.province, "2019-12-31T00:00:00Z", 50);
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let begun!: () => void;
    const open = new Promise<void>((r) => {
      begun = r;
    });
    const writer = t.database.sql.begin(async (tx) => {
      await tx`select barcode from registry.cylinder where barcode = 'CH-02'`;
      begun();
      await held;
      await tx`update registry.cylinder set inner_no = 'read-then-write' where barcode = 'CH-02'`;
    });
    await open;
    await new Promise((r) => setTimeout(r, 20));
    const during = await readAll(tickets.province, first.horizon, 50);
    release();
    await writer;
    const next = await readAll(tickets.province, during.horizon, 50);
    expect(next.barcodes).toContain("CH-02");
  });
});
