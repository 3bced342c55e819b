/**
 * Annex 1 §7: use registration (ApplyNew, ApplyOld), spot checks (UnresponseList, GetDetail,
 * Response), and the image upload the annex presupposes (filled gap: PayImage, BatchImage,
 * DeviceImage and the spot-check answers are "paths on the server" obtained here).
 */
import { PlatformError, Valve } from "@cylinder/db";
import { z } from "zod";
import { code, count, date, int, intEnum, items, type Json, MAX_ITEMS, num, record, text, thirdId } from "../fields";
import { graphql } from "../gql";
import type { SpotCheckSummaryFragment } from "../gql/graphql";
import { dateTime14, omitEmpty } from "../output";
import { type RouteInput, type Schema, type StateRoute, stateRoute } from "../route";

const str = (description: string): Schema => ({ type: "string", description });
const int32 = (description: string): Schema => ({ type: "integer", description });

// ------------------------------------------------------------------ §7.1 ApplyNew, §7.2 ApplyOld

/** The three photos each kind of registration asks for. */
const registration = (images: [string, string, string]) =>
  record({
    ThirdId: ["thirdId", thirdId("第三方系统唯一 ID；同一单位同一类别重复提交返回同一申请")],
    Overview: [
      "overview",
      record(
        {
          Style: ["style", code("气瓶型号")],
          Medium: ["medium", text("充装介质，须在本单位许可范围内")],
          Factory: ["factoryId", int("厂家 ID（制造单位的单位 ID）")],
          CreateDate: ["productDate", date("生产日期 yyyyMMdd")],
          DiscardDate: ["discardDate", date("报废日期 yyyyMMdd")],
          CheckDate: ["checkDate", date("上检日期 yyyyMMdd（新瓶可不传）", "optional")],
          NextDate: ["nextDate", date("下检日期 yyyyMMdd")],
          IdleWeight: ["idleWeight", num("瓶重 kg")],
          Remark: ["remark", text("备注（可选）", "optional")],
          Valve: ["valve", intEnum(Valve, "阀门类型")],
          PayImage: ["payImage", code(`${images[0]}在服务端上的路径（由 /PS/Image/Upload 取得）`)],
          BatchImage: ["batchImage", code(`${images[1]}在服务端上的路径`)],
          DeviceImage: ["deviceImage", code(`${images[2]}在服务端上的路径`)],
        },
        "基础资料",
      ),
    ],
    Items: [
      "items",
      items(
        record({
          Barcode: ["barcode", code("气瓶条码")],
          Printno: ["printno", code("钢印号")],
          InnerNo: ["innerNo", code("自有编号（可选）", "optional")],
        }),
        { description: `气瓶列表（至多 ${MAX_ITEMS} 只）` },
      ),
    ],
  });

const applyRegistration = graphql(`
  mutation ApplyRegistration($input: RegistrationInput!) {
    applyRegistration(input: $input) { id }
  }
`);

const idValueSchema: Schema = {
  type: "string",
  description: '成功时为字符串表示的 JSON（按附件 1）："{\\"Id\\":系统 ID}"',
  example: '{"Id":10245}',
};

/** The annex: "成功时 Value: 字符串表示的 json" — a JSON text inside the JSON answer. */
const idValue = (id: number): Json => JSON.stringify({ Id: id });

export const applyNew: StateRoute = stateRoute({
  path: "/PS/BottleRegister/ApplyNew",
  methods: ["POST"],
  tag: "气瓶使用登记",
  summary: "新瓶申请 (use registration of new cylinders)",
  description: "附件 1 第 7.1 节。提交后待登记机关审核，通过后建立气瓶档案。按 (单位, ThirdId) 幂等。",
  auth: true,
  operation: applyRegistration,
  data: registration(["钢瓶交付瓶号说明文件照片", "批量检验质量证明书照片", "特种设备制造监督检验证书照片"]),
  variables: (input) => ({ input: { kind: "NEW" as const, ...input.data() } }),
  value: (result) => idValue(result.applyRegistration.id),
  valueSchema: idValueSchema,
});

export const applyOld: StateRoute = stateRoute({
  path: "/PS/BottleRegister/ApplyOld",
  methods: ["POST"],
  tag: "气瓶使用登记",
  summary: "旧瓶补录 (use registration of cylinders already in use)",
  description: "附件 1 第 7.2 节。提交后待登记机关审核，通过后建立气瓶档案。按 (单位, ThirdId) 幂等。",
  auth: true,
  operation: applyRegistration,
  data: registration(["含钢印号的瓶体照片", "含厂家、生产日期的瓶体照片", "含条形码的瓶体照片"]),
  variables: (input) => ({ input: { kind: "OLD" as const, ...input.data() } }),
  value: (result) => idValue(result.applyRegistration.id),
  valueSchema: idValueSchema,
});

// ------------------------------------------------------------------ image upload (filled gap)

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47];
const startsWith = (b: Buffer, magic: number[]) => magic.every((x, i) => b[i] === x);

const imageData = record({
  Data: ["data", code("照片内容 Base64")],
  ContentType: [
    "contentType",
    code("类型（可选，按内容识别）", "optional").meta({ enum: ["image/jpeg", "image/png"] }),
  ],
});

function imageVariables(input: RouteInput<z.output<typeof imageData>>) {
  const file = Object.values(input.request.files)[0];
  if (file) {
    // the type is told by the bytes (the registry checks them again)
    const type = startsWith(file, JPEG)
      ? "image/jpeg"
      : startsWith(file, PNG)
        ? "image/png"
        : "application/octet-stream";
    return { contentType: type, data: file.toString("base64") };
  }
  const { data, contentType } = input.data();
  const sniff = Buffer.from(data.replace(/^data:[^,]*;base64,/, "").slice(0, 16), "base64");
  return { contentType: contentType ?? (startsWith(sniff, PNG) ? "image/png" : "image/jpeg"), data };
}

export const uploadImage: StateRoute = stateRoute({
  path: "/PS/Image/Upload",
  methods: ["POST"],
  tag: "气瓶使用登记",
  summary: "上传照片 (upload a photo, get its server path)",
  description:
    "补充接口：登记申请的 PayImage/BatchImage/DeviceImage 与抽查回复的 Image 是“照片在服务端上的路径”，由此接口取得。" +
    "multipart/form-data 上传一个文件（字段名任意），或 data {Data: Base64, ContentType: image/jpeg|image/png}。" +
    "仅 JPEG/PNG，不超过 1 MB；同一内容返回同一路径。",
  gap: true,
  auth: true,
  operation: graphql(`
    mutation UploadImage($contentType: String!, $data: String!) {
      uploadImage(contentType: $contentType, dataBase64: $data) { path byteSize sm3 }
    }
  `),
  data: imageData,
  fieldNames: { dataBase64: "Data" },
  variables: imageVariables,
  value: ({ uploadImage: i }) => ({ Path: i.path, Size: i.byteSize, Sm3: i.sm3 }),
  valueSchema: {
    type: "object",
    properties: {
      Path: str("照片在服务端上的路径，填入 PayImage/BatchImage/DeviceImage 或抽查回复的 Image"),
      Size: int32("字节数"),
      Sm3: str("内容的 SM3 摘要（十六进制）"),
    },
  },
});

// ------------------------------------------------------------------ §7.3 spot checks

graphql(`
  fragment SpotCheckSummary on SpotCheck {
    id style checkCount checkDate checkComment applyDate
  }
`);

const spotCheckSummary = (s: SpotCheckSummaryFragment) =>
  omitEmpty({
    Id: s.id,
    Style: s.style,
    CheckCount: s.checkCount,
    CheckDate: dateTime14(s.checkDate),
    CheckComment: s.checkComment,
    ApplyDate: dateTime14(s.applyDate),
  });

const spotCheckSummarySchema: Schema = {
  type: "object",
  properties: {
    Id: int32("系统 ID"),
    Style: str("气瓶型号"),
    CheckCount: int32("抽查瓶数"),
    CheckDate: str("抽查时间 yyyyMMddHHmmss"),
    CheckComment: str("抽查要求"),
    ApplyDate: str("申请时间 yyyyMMddHHmmss"),
  },
};

export const unresponseList: StateRoute = stateRoute({
  path: "/PS/BottleCheck/UnresponseList",
  methods: ["GET", "POST"],
  tag: "抽查回复",
  summary: "待回复的抽查 (open spot checks)",
  description: "附件 1 第 7.3.1 节。返回发给本单位、尚未回复完的抽查（数组，按附件 1 不含 State 包装）。",
  auth: true,
  bare: true,
  // a unit's open spot checks are few: one page of the largest size
  operation: graphql(`
    query OpenSpotChecks {
      spotChecks(first: 500, filter: { status: OPEN }) { nodes { ...SpotCheckSummary } }
    }
  `),
  variables: () => ({}),
  value: (result) => result.spotChecks.nodes.map(spotCheckSummary) as Json,
  valueSchema: { type: "array", items: spotCheckSummarySchema },
});

export const getDetail: StateRoute = stateRoute({
  path: "/PS/BottleCheck/GetDetail",
  methods: ["GET", "POST"],
  tag: "抽查回复",
  summary: "抽查详情 (a spot check with its cylinders)",
  description: "附件 1 第 7.3.2 节。参数 id（或 data {Id}）。返回抽查及抽查的气瓶（按附件 1 不含 State 包装）。",
  auth: true,
  bare: true,
  params: record({ id: ["id", count("系统 ID（UnresponseList 的 Id）", "optional")] }),
  data: record({ Id: ["id", int("系统 ID")] }),
  operation: graphql(`
    query SpotCheck($id: Int!) {
      spotCheck(id: $id) { ...SpotCheckSummary items { id barcode printno image } }
    }
  `),
  variables: (input) => ({ id: input.params.id ?? input.data().id }),
  value({ spotCheck: s }, input) {
    if (!s) throw new PlatformError("NOT_FOUND", { what: "抽查", id: input.request.params.id?.trim() ?? "" });
    const { Id: _, ...summary } = spotCheckSummary(s);
    return {
      ...summary,
      Items: s.items.map((i) => omitEmpty({ Id: i.id, Barcode: i.barcode, Printno: i.printno, Image: i.image })),
    } as Json;
  },
  valueSchema: {
    type: "object",
    properties: {
      ...(spotCheckSummarySchema.properties as Record<string, Schema>),
      Items: {
        type: "array",
        items: {
          type: "object",
          properties: {
            Id: int32("系统 ID，回复时引用"),
            Barcode: str("气瓶条码"),
            Printno: str("钢印号"),
            Image: str("照片路径（已回复时）"),
          },
        },
      },
    },
  },
});

export const respond: StateRoute = stateRoute({
  path: "/PS/BottleCheck/Response",
  methods: ["POST"],
  tag: "抽查回复",
  summary: "回复抽查 (answer a spot check with photos)",
  description: "附件 1 第 7.3.3 节。每只抽查气瓶一张本单位上传的照片（/PS/Image/Upload 所得路径）；可分次回复。",
  auth: true,
  operation: graphql(`
    mutation RespondSpotCheck($id: Int!, $items: [SpotCheckResponseItemInput!]!) {
      respondSpotCheck(id: $id, items: $items) { id status }
    }
  `),
  data: record({
    Id: ["id", int("抽查的系统 ID")],
    Items: [
      "items",
      items(
        record({
          Id: ["id", int("抽查气瓶的系统 ID（GetDetail 的 Items[].Id）")],
          Image: ["image", code("照片在服务端上的路径")],
        }),
      ),
    ],
  }),
  variables: (input) => input.data(),
  value: () => undefined,
});
