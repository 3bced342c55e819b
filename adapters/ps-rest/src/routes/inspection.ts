/**
 * Annex 1 §8: declaring cylinders for periodic inspection: BeginApply opens an order with a
 * station, AddBottle / RemoveBottle change its cylinders, EndApply submits it.
 */
import { code, int, items, type Json, record, text, thirdId } from "../fields";
import { graphql } from "../gql";
import { type StateRoute, stateRoute } from "../route";

/** The subgraph's names the schemas below do not say. */
const ORDER_NAMES = { stationUnitId: "Station.Id", barcodes: "Items" };

/** The order a call names: its Id, and its ThirdId when sent (it must be the order's own). */
const ORDER = {
  Id: ["orderId", int("工单 ID（BeginApply 返回）")],
  ThirdId: ["thirdId", thirdId("第三方系统 ID（传入时须为该工单的 ThirdId）", "optional")],
} as const;

export const beginApply: StateRoute = stateRoute({
  path: "/PS/CheckApply/BeginApply",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "开始送检 (open an inspection order)",
  description:
    "附件 1 第 8.1 节。按 (单位, ThirdId) 幂等：重复提交返回同一工单。成功时 Value 为字符串表示的 JSON {Id}。",
  auth: true,
  operation: graphql(`
    mutation BeginInspectionOrder($thirdId: String!, $stationUnitId: Int!, $stationName: String) {
      beginInspectionOrder(thirdId: $thirdId, stationUnitId: $stationUnitId, stationName: $stationName) { id }
    }
  `),
  fieldNames: ORDER_NAMES,
  data: record({
    ThirdId: ["thirdId", thirdId("第三方系统唯一 ID")],
    Station: [
      "station",
      record({
        Id: ["unitId", int("检瓶站系统 ID（检验机构的单位 ID）")],
        Name: ["name", text("名称", "optional")],
      }),
    ],
  }),
  variables(input) {
    const { thirdId, station } = input.data();
    return { thirdId, stationUnitId: station.unitId, stationName: station.name };
  },
  value: (result) => JSON.stringify({ Id: result.beginInspectionOrder.id }) as Json,
  valueSchema: {
    type: "string",
    description: '字符串表示的 JSON（按附件 1）："{\\"Id\\":工单 ID}"',
    example: '{"Id":15}',
  },
  example: '{ ThirdId: 7001, Station: { Id: 4, Name: "昆明市气瓶检验站" } }',
});

export const addBottle: StateRoute = stateRoute({
  path: "/PS/CheckApply/AddBottle",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "添加气瓶 (add cylinders to the order)",
  description:
    "附件 1 第 8.2 节。只能添加已登记的本单位气瓶（或车用气瓶）：未登记为 UNKNOWN_BARCODE，其他单位的为 NOT_OWN_CYLINDER，整次不生效。已在工单中的更新序号。",
  auth: true,
  operation: graphql(`
    mutation AddToInspectionOrder($orderId: Int!, $thirdId: String, $items: [InspectionOrderItemInput!]!) {
      addToInspectionOrder(orderId: $orderId, thirdId: $thirdId, items: $items) { id itemCount }
    }
  `),
  fieldNames: ORDER_NAMES,
  data: record({
    ...ORDER,
    Items: [
      "items",
      items(record({ Barcode: ["barcode", code("气瓶条码")], SeqNo: ["seqNo", int("序号", "optional")] })),
    ],
  }),
  variables: (input) => input.data(),
  value: () => undefined,
});

export const removeBottle: StateRoute = stateRoute({
  path: "/PS/CheckApply/RemoveBottle",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "移除气瓶 (remove cylinders from the order)",
  description: "附件 1 第 8.3 节。不在工单中的气瓶忽略。",
  auth: true,
  operation: graphql(`
    mutation RemoveFromInspectionOrder($orderId: Int!, $thirdId: String, $barcodes: [String!]!) {
      removeFromInspectionOrder(orderId: $orderId, thirdId: $thirdId, barcodes: $barcodes) { id itemCount }
    }
  `),
  fieldNames: ORDER_NAMES,
  data: record({
    ...ORDER,
    Items: ["items", items(record({ Barcode: ["barcode", code("气瓶条码")] }))],
  }),
  variables(input) {
    const { orderId, thirdId, items } = input.data();
    return { orderId, thirdId, barcodes: items.map((i) => i.barcode) };
  },
  value: () => undefined,
});

export const endApply: StateRoute = stateRoute({
  path: "/PS/CheckApply/EndApply",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "送检结束 (submit the order)",
  description: "附件 1 第 8.4 节。工单中须有气瓶；重复提交原样成功。",
  auth: true,
  operation: graphql(`
    mutation SubmitInspectionOrder($orderId: Int!, $thirdId: String) {
      submitInspectionOrder(orderId: $orderId, thirdId: $thirdId) { id status }
    }
  `),
  fieldNames: ORDER_NAMES,
  data: record(ORDER),
  variables: (input) => input.data(),
  value: () => undefined,
});
