/**
 * Annex 1 §8: declaring cylinders for periodic inspection: BeginApply opens an order with a
 * station, AddBottle / RemoveBottle change its cylinders, EndApply submits it.
 */
import type { Json } from "../fields";
import type { Schema, StateRoute } from "../route";

const MAX_ITEMS = 1000;
const ORDER_NAMES = {
  thirdId: "ThirdId",
  orderId: "Id",
  items: "Items",
  barcode: "Barcode",
  seqNo: "SeqNo",
  stationUnitId: "Station.Id",
  barcodes: "Items",
};

const int = (description: string): Schema => ({ type: "integer", description });
const str = (description: string): Schema => ({ type: "string", description });

const orderRef: Record<string, Schema> = {
  ThirdId: int("第三方系统 ID（传入时须为该工单的 ThirdId）"),
  Id: int("工单 ID（BeginApply 返回）"),
};

export const beginApply: StateRoute = {
  kind: "state",
  path: "/PS/CheckApply/BeginApply",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "开始送检 (open an inspection order)",
  description:
    "附件 1 第 8.1 节。按 (单位, ThirdId) 幂等：重复提交返回同一工单。成功时 Value 为字符串表示的 JSON {Id}。",
  auth: true,
  operation:
    "mutation($t: String!, $s: Int!, $n: String) { beginInspectionOrder(thirdId: $t, stationUnitId: $s, stationName: $n) { id } }",
  fieldNames: ORDER_NAMES,
  variables(input) {
    const d = input.data();
    const station = d.obj("Station");
    return { t: d.thirdId("ThirdId"), s: station.int("Id"), n: station.text("Name", "optional") ?? null };
  },
  value: (data) => JSON.stringify({ Id: (data.beginInspectionOrder as { id: number }).id }) as Json,
  requestSchema: {
    type: "object",
    required: ["ThirdId", "Station"],
    properties: {
      ThirdId: int("第三方系统唯一 ID"),
      Station: {
        type: "object",
        required: ["Id"],
        properties: { Id: int("检瓶站系统 ID（检验机构的单位 ID）"), Name: str("名称") },
      },
    },
  },
  valueSchema: {
    type: "string",
    description: '字符串表示的 JSON（按附件 1）："{\\"Id\\":工单 ID}"',
    example: '{"Id":15}',
  },
  example: '{ ThirdId: 7001, Station: { Id: 4, Name: "昆明市气瓶检验站" } }',
};

export const addBottle: StateRoute = {
  kind: "state",
  path: "/PS/CheckApply/AddBottle",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "添加气瓶 (add cylinders to the order)",
  description:
    "附件 1 第 8.2 节。只能添加已登记的本单位气瓶（或车用气瓶）：未登记为 UNKNOWN_BARCODE，其他单位的为 NOT_OWN_CYLINDER，整次不生效。已在工单中的更新序号。",
  auth: true,
  operation:
    "mutation($o: Int!, $t: String, $i: [InspectionOrderItemInput!]!) { addToInspectionOrder(orderId: $o, thirdId: $t, items: $i) { id itemCount } }",
  fieldNames: ORDER_NAMES,
  variables(input) {
    const d = input.data();
    return {
      o: d.int("Id"),
      t: d.has("ThirdId") ? d.thirdId("ThirdId") : null,
      i: d
        .items("Items", { max: MAX_ITEMS })
        .map((item) => ({ barcode: item.code("Barcode"), seqNo: item.int("SeqNo", "optional") ?? null })),
    };
  },
  value: () => undefined,
  requestSchema: {
    type: "object",
    required: ["Id", "Items"],
    properties: {
      ...orderRef,
      Items: {
        type: "array",
        items: { type: "object", required: ["Barcode"], properties: { Barcode: str("气瓶条码"), SeqNo: int("序号") } },
      },
    },
  },
};

export const removeBottle: StateRoute = {
  kind: "state",
  path: "/PS/CheckApply/RemoveBottle",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "移除气瓶 (remove cylinders from the order)",
  description: "附件 1 第 8.3 节。不在工单中的气瓶忽略。",
  auth: true,
  operation:
    "mutation($o: Int!, $t: String, $b: [String!]!) { removeFromInspectionOrder(orderId: $o, thirdId: $t, barcodes: $b) { id itemCount } }",
  fieldNames: ORDER_NAMES,
  variables(input) {
    const d = input.data();
    return {
      o: d.int("Id"),
      t: d.has("ThirdId") ? d.thirdId("ThirdId") : null,
      b: d.items("Items", { max: MAX_ITEMS }).map((item) => item.code("Barcode")),
    };
  },
  value: () => undefined,
  requestSchema: {
    type: "object",
    required: ["Id", "Items"],
    properties: {
      ...orderRef,
      Items: {
        type: "array",
        items: { type: "object", required: ["Barcode"], properties: { Barcode: str("气瓶条码") } },
      },
    },
  },
};

export const endApply: StateRoute = {
  kind: "state",
  path: "/PS/CheckApply/EndApply",
  methods: ["POST"],
  tag: "气瓶检验",
  summary: "送检结束 (submit the order)",
  description: "附件 1 第 8.4 节。工单中须有气瓶；重复提交原样成功。",
  auth: true,
  operation: "mutation($o: Int!, $t: String) { submitInspectionOrder(orderId: $o, thirdId: $t) { id status } }",
  fieldNames: ORDER_NAMES,
  variables(input) {
    const d = input.data();
    return { o: d.int("Id"), t: d.has("ThirdId") ? d.thirdId("ThirdId") : null };
  },
  value: () => undefined,
  requestSchema: { type: "object", required: ["Id"], properties: orderRef },
};
