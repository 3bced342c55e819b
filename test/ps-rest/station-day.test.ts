/**
 * A filling station's day through /PS/* only, as its software would run it: log in, ask for
 * the fill permit after scanning, upload the before-fill check, the fill and the after-fill
 * check, declare cylinders for inspection (BeginApply, AddBottle, RemoveBottle, EndApply) and
 * send the monthly count; then the Kunming regulator sees every record through GraphQL.
 */
import { formatDateTime14 } from "@cylinder/db";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { chinaMonth, insertCylinders, instantAgo, lpgCylinder } from "../support/trace";
import { post } from "./client";

let t: TestPlatform;

beforeAll(async () => {
  t = await startTestPlatform();
  await insertCylinders(t, [
    lpgCylinder(t, "DAY-0001", t.world.units.kmFilling),
    lpgCylinder(t, "DAY-0002", t.world.units.kmFilling),
  ]);
});
afterAll(async () => {
  await t?.stop();
});

interface Answer {
  State: number;
  Value?: unknown;
  Code?: string;
}

it("login, permit, checks and fill, inspection declaration, monthly count; all visible to the regulator", async () => {
  const call = async (path: string, data: string) => {
    const r = await post<Answer>(t, path, data);
    expect(r.body.State, `${path}: ${r.text}`).toBe(0);
    return r.body.Value;
  };
  const login = (await call("/PS/Account/Login", '{ Username: "km-filling", Password: "Test@2026" }')) as {
    Ticket: string;
  };
  const ticket = login.Ticket;
  const at = (minutesAgo: number) => formatDateTime14(instantAgo(t.clock, minutesAgo));
  // the monthly count is of before-fill checks: this one's month (China time)
  const checkedAt = instantAgo(t.clock, 10);
  const { year, month } = chinaMonth(checkedAt);

  const permit = (await call(`/PS/GenericTrace/FillPermit?ticket=${ticket}`, '{ Barcode: "DAY-0001" }')) as {
    Result: number;
  };
  expect(permit.Result).toBe(0);
  await call(
    `/PS/GenericTrace/BeforeFill?ticket=${ticket}`,
    `{ Items: [ { Barcode: "DAY-0001", State: 0, Date: "${formatDateTime14(checkedAt)}", ThridId: 9001 } ], Man: { Name: "张三" } }`,
  );
  const fill = (await call(
    `/PS/GenericTrace/Fill?ticket=${ticket}`,
    `{ Items: [ { Barcode: "DAY-0001", IdleWeight: 16.33, GrossWeight: 29.76, NetWeight: 13.43,
        BeginDate: "${at(8)}", EndDate: "${at(7)}", Machine: 1, ThridId: 9001 } ],
       Factory: { Name: "测试厂家" }, Man: { Name: "张三" } }`,
  )) as { Items: { Alarms: string[] }[] };
  expect(fill.Items[0]!.Alarms).toEqual([]);
  await call(
    `/PS/GenericTrace/AfterFill?ticket=${ticket}`,
    `{ Items: [ { Barcode: "DAY-0001", State: 0, Date: "${at(5)}", ThridId: 9001 } ], Man: { Name: "张三" } }`,
  );

  const begun = (await call(
    `/PS/CheckApply/BeginApply?token=${ticket}`,
    `{ ThirdId: 501, Station: { Id: ${t.world.units.station}, Name: "昆明市气瓶检验站" } }`,
  )) as string;
  const orderId = (JSON.parse(begun) as { Id: number }).Id;
  await call(
    `/PS/CheckApply/AddBottle?token=${ticket}`,
    `{ ThirdId: 501, Id: ${orderId}, Items: [ { Barcode: "DAY-0001", SeqNo: 1 }, { Barcode: "DAY-0002", SeqNo: 2 } ] }`,
  );
  await call(
    `/PS/CheckApply/RemoveBottle?token=${ticket}`,
    `{ ThirdId: 501, Id: ${orderId}, Items: [ { Barcode: "DAY-0002" } ] }`,
  );
  await call(`/PS/CheckApply/EndApply?token=${ticket}`, `{ ThirdId: 501, Id: ${orderId} }`);

  const count = (await call(
    `/PS/GenericStatistics/BusinessCount?ticket=${ticket}`,
    `{ Year: ${year}, Month: ${month}, Count: 1, Type: 1 }`,
  )) as { PlatformCount: number; Difference: number };
  expect(count).toMatchObject({ PlatformCount: 1, Difference: 0 });

  // the regulator of Kunming, through GraphQL
  const regulator = await t.login(t.world.accounts.kmRegulator);
  const r = await t.gql<{
    cylinder: {
      fills: { nodes: { thirdId: string; fillerName: string }[] };
      beforeFillChecks: { nodes: { thirdId: string }[] };
      afterFillChecks: { nodes: { thirdId: string }[] };
    };
    inspectionOrders: { nodes: { id: number; status: string; items: { barcode: string }[] }[] };
    reconciliations: { nodes: { year: number; month: number; type: number; difference: number }[] };
    permitDecisions: { nodes: { barcode: string; permitted: boolean; channel: string }[] };
  }>(
    `query($u: Int!) {
      cylinder(barcode: "DAY-0001") {
        fills { nodes { thirdId fillerName } }
        beforeFillChecks { nodes { thirdId } }
        afterFillChecks { nodes { thirdId } }
      }
      inspectionOrders(filter: { unitId: $u }) { nodes { id status items { barcode } } }
      reconciliations { nodes { year month type difference } }
      permitDecisions { nodes { barcode permitted channel } }
    }`,
    { u: t.world.units.kmFilling },
    regulator,
  );
  expect(r.errors).toBeUndefined();
  const d = r.data!;
  expect(d.cylinder.fills.nodes).toEqual([{ thirdId: "9001", fillerName: "张三" }]);
  expect(d.cylinder.beforeFillChecks.nodes).toEqual([{ thirdId: "9001" }]);
  expect(d.cylinder.afterFillChecks.nodes).toEqual([{ thirdId: "9001" }]);
  expect(d.inspectionOrders.nodes).toEqual([{ id: orderId, status: "SUBMITTED", items: [{ barcode: "DAY-0001" }] }]);
  expect(d.reconciliations.nodes).toEqual([{ year, month, type: 1, difference: 0 }]);
  expect(d.permitDecisions.nodes).toContainEqual({ barcode: "DAY-0001", permitted: true, channel: "REST" });
});
