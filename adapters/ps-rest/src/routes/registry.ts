/**
 * Annex 1 §7: use registration (ApplyNew, ApplyOld), spot checks (UnresponseList, GetDetail,
 * Response), and the image upload the annex presupposes (filled gap: PayImage, BatchImage,
 * DeviceImage and the spot-check answers are "paths on the server" obtained here).
 */
import { PlatformError, Valve } from "@cylinder/db";
import type { Json, Obj } from "../fields";
import { dateTime14, omitEmpty } from "../output";
import { enumSchema, type RouteInput, type Schema, type StateRoute } from "../route";

const MAX_ITEMS = 1000;

const str = (description: string): Schema => ({ type: "string", description });
const int = (description: string): Schema => ({ type: "integer", description });

// ------------------------------------------------------------------ §7.1 ApplyNew, §7.2 ApplyOld

function registrationInput(kind: "NEW" | "OLD", input: RouteInput): Record<string, unknown> {
  const d = input.data();
  const o: Obj = d.obj("Overview");
  return {
    input: {
      kind,
      thirdId: d.thirdId("ThirdId"),
      overview: {
        style: o.code("Style"),
        medium: o.text("Medium"),
        factoryId: o.int("Factory"),
        productDate: o.date("CreateDate"),
        discardDate: o.date("DiscardDate"),
        checkDate: o.date("CheckDate", "optional") ?? null,
        nextDate: o.date("NextDate"),
        idleWeight: o.num("IdleWeight"),
        remark: o.text("Remark", "optional") ?? null,
        valve: Valve.parse(o.int("Valve"), `${o.path}.Valve`),
        payImage: o.code("PayImage"),
        batchImage: o.code("BatchImage"),
        deviceImage: o.code("DeviceImage"),
      },
      items: d.items("Items", { max: MAX_ITEMS }).map((item) => ({
        barcode: item.code("Barcode"),
        printno: item.code("Printno"),
        innerNo: item.code("InnerNo", "optional") ?? null,
      })),
    },
  };
}

const REGISTRATION_NAMES = {
  thirdId: "ThirdId",
  overview: "Overview",
  style: "Style",
  medium: "Medium",
  factoryId: "Factory",
  productDate: "CreateDate",
  discardDate: "DiscardDate",
  checkDate: "CheckDate",
  nextDate: "NextDate",
  idleWeight: "IdleWeight",
  valve: "Valve",
  payImage: "PayImage",
  batchImage: "BatchImage",
  deviceImage: "DeviceImage",
  items: "Items",
  barcode: "Barcode",
  printno: "Printno",
  innerNo: "InnerNo",
};

const registrationSchema = (images: [string, string, string]): Schema => ({
  type: "object",
  required: ["ThirdId", "Overview", "Items"],
  properties: {
    ThirdId: int("第三方系统唯一 ID；同一单位同一类别重复提交返回同一申请"),
    Overview: {
      type: "object",
      description: "基础资料",
      required: [
        "Style",
        "Medium",
        "Factory",
        "CreateDate",
        "DiscardDate",
        "NextDate",
        "IdleWeight",
        "Valve",
        "PayImage",
        "BatchImage",
        "DeviceImage",
      ],
      properties: {
        Style: str("气瓶型号"),
        Medium: str("充装介质，须在本单位许可范围内"),
        Factory: int("厂家 ID（制造单位的单位 ID）"),
        CreateDate: str("生产日期 yyyyMMdd"),
        DiscardDate: str("报废日期 yyyyMMdd"),
        CheckDate: str("上检日期 yyyyMMdd（新瓶可不传）"),
        NextDate: str("下检日期 yyyyMMdd"),
        IdleWeight: { type: "number", description: "瓶重 kg" },
        Remark: str("备注（可选）"),
        Valve: enumSchema(Valve, "阀门类型"),
        PayImage: str(`${images[0]}在服务端上的路径（由 /PS/Image/Upload 取得）`),
        BatchImage: str(`${images[1]}在服务端上的路径`),
        DeviceImage: str(`${images[2]}在服务端上的路径`),
      },
    },
    Items: {
      type: "array",
      description: `气瓶列表（至多 ${MAX_ITEMS} 只）`,
      items: {
        type: "object",
        required: ["Barcode", "Printno"],
        properties: { Barcode: str("气瓶条码"), Printno: str("钢印号"), InnerNo: str("自有编号（可选）") },
      },
    },
  },
});

const idValueSchema: Schema = {
  type: "string",
  description: '成功时为字符串表示的 JSON（按附件 1）："{\\"Id\\":系统 ID}"',
  example: '{"Id":10245}',
};

/** The annex: "成功时 Value: 字符串表示的 json" — a JSON text inside the JSON answer. */
const idValue = (id: number): Json => JSON.stringify({ Id: id });

export const applyNew: StateRoute = {
  kind: "state",
  path: "/PS/BottleRegister/ApplyNew",
  methods: ["POST"],
  tag: "气瓶使用登记",
  summary: "新瓶申请 (use registration of new cylinders)",
  description: "附件 1 第 7.1 节。提交后待登记机关审核，通过后建立气瓶档案。按 (单位, ThirdId) 幂等。",
  auth: true,
  operation: "mutation($input: RegistrationInput!) { applyRegistration(input: $input) { id } }",
  fieldNames: REGISTRATION_NAMES,
  variables: (input) => registrationInput("NEW", input),
  value: (data) => idValue((data.applyRegistration as { id: number }).id),
  requestSchema: registrationSchema([
    "钢瓶交付瓶号说明文件照片",
    "批量检验质量证明书照片",
    "特种设备制造监督检验证书照片",
  ]),
  valueSchema: idValueSchema,
};

export const applyOld: StateRoute = {
  ...applyNew,
  path: "/PS/BottleRegister/ApplyOld",
  summary: "旧瓶补录 (use registration of cylinders already in use)",
  description: "附件 1 第 7.2 节。提交后待登记机关审核，通过后建立气瓶档案。按 (单位, ThirdId) 幂等。",
  variables: (input) => registrationInput("OLD", input),
  requestSchema: registrationSchema(["含钢印号的瓶体照片", "含厂家、生产日期的瓶体照片", "含条形码的瓶体照片"]),
};

// ------------------------------------------------------------------ image upload (filled gap)

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47];
const startsWith = (b: Buffer, magic: number[]) => magic.every((x, i) => b[i] === x);

function imageVariables(input: RouteInput): Record<string, unknown> {
  const file = Object.values(input.request.files)[0];
  if (file) {
    // the type is told by the bytes (the registry checks them again)
    const type = startsWith(file, JPEG)
      ? "image/jpeg"
      : startsWith(file, PNG)
        ? "image/png"
        : "application/octet-stream";
    return { t: type, d: file.toString("base64") };
  }
  const d = input.data();
  const data = d.code("Data");
  const declared = d.code("ContentType", "optional");
  const sniff = Buffer.from(data.replace(/^data:[^,]*;base64,/, "").slice(0, 16), "base64");
  const type = declared ?? (startsWith(sniff, PNG) ? "image/png" : "image/jpeg");
  return { t: type, d: data };
}

export const uploadImage: StateRoute = {
  kind: "state",
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
  operation:
    "mutation($t: String!, $d: String!) { uploadImage(contentType: $t, dataBase64: $d) { path byteSize sm3 } }",
  fieldNames: { dataBase64: "Data", contentType: "ContentType" },
  variables: imageVariables,
  value(data) {
    const i = data.uploadImage as { path: string; byteSize: number; sm3: string };
    return { Path: i.path, Size: i.byteSize, Sm3: i.sm3 };
  },
  requestSchema: {
    type: "object",
    required: ["Data"],
    properties: {
      Data: str("照片内容 Base64"),
      ContentType: { type: "string", enum: ["image/jpeg", "image/png"], description: "类型（可选，按内容识别）" },
    },
  },
  valueSchema: {
    type: "object",
    properties: {
      Path: str("照片在服务端上的路径，填入 PayImage/BatchImage/DeviceImage 或抽查回复的 Image"),
      Size: int("字节数"),
      Sm3: str("内容的 SM3 摘要（十六进制）"),
    },
  },
};

// ------------------------------------------------------------------ §7.3 spot checks

interface SpotCheck {
  id: number;
  style: string | null;
  checkCount: number;
  checkDate: string;
  checkComment: string | null;
  applyDate: string;
  items?: { id: number; barcode: string; printno: string | null; image: string | null }[];
}

const spotCheckSummary = (s: SpotCheck) =>
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
    Id: int("系统 ID"),
    Style: str("气瓶型号"),
    CheckCount: int("抽查瓶数"),
    CheckDate: str("抽查时间 yyyyMMddHHmmss"),
    CheckComment: str("抽查要求"),
    ApplyDate: str("申请时间 yyyyMMddHHmmss"),
  },
};

export const unresponseList: StateRoute = {
  kind: "state",
  path: "/PS/BottleCheck/UnresponseList",
  methods: ["GET", "POST"],
  tag: "抽查回复",
  summary: "待回复的抽查 (open spot checks)",
  description: "附件 1 第 7.3.1 节。返回发给本单位、尚未回复完的抽查（数组，按附件 1 不含 State 包装）。",
  auth: true,
  bare: true,
  // a unit's open spot checks are few: one page of the largest size
  operation: `{ spotChecks(first: 500, filter: { status: OPEN }) { nodes { id style checkCount checkDate checkComment applyDate } } }`,
  variables: () => ({}),
  value: (data) => ((data.spotChecks as { nodes: SpotCheck[] }).nodes ?? []).map(spotCheckSummary) as Json,
  valueSchema: { type: "array", items: spotCheckSummarySchema },
};

export const getDetail: StateRoute = {
  kind: "state",
  path: "/PS/BottleCheck/GetDetail",
  methods: ["GET", "POST"],
  tag: "抽查回复",
  summary: "抽查详情 (a spot check with its cylinders)",
  description: "附件 1 第 7.3.2 节。参数 id（或 data {Id}）。返回抽查及抽查的气瓶（按附件 1 不含 State 包装）。",
  auth: true,
  bare: true,
  parameters: [
    { name: "id", description: "系统 ID（UnresponseList 的 Id）", required: true, schema: { type: "integer" } },
  ],
  operation: `query($id: Int!) { spotCheck(id: $id) { id style checkCount checkDate checkComment applyDate
    items { id barcode printno image } } }`,
  variables(input) {
    return { id: input.intParam("id") ?? input.data().int("Id") };
  },
  value(data, input) {
    const s = data.spotCheck as SpotCheck | null;
    if (!s) throw new PlatformError("NOT_FOUND", { what: "抽查", id: input.param("id") ?? "" });
    const { Id: _, ...summary } = spotCheckSummary(s);
    return {
      ...summary,
      Items: (s.items ?? []).map((i) =>
        omitEmpty({ Id: i.id, Barcode: i.barcode, Printno: i.printno, Image: i.image }),
      ),
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
            Id: int("系统 ID，回复时引用"),
            Barcode: str("气瓶条码"),
            Printno: str("钢印号"),
            Image: str("照片路径（已回复时）"),
          },
        },
      },
    },
  },
};

export const respond: StateRoute = {
  kind: "state",
  path: "/PS/BottleCheck/Response",
  methods: ["POST"],
  tag: "抽查回复",
  summary: "回复抽查 (answer a spot check with photos)",
  description: "附件 1 第 7.3.3 节。每只抽查气瓶一张本单位上传的照片（/PS/Image/Upload 所得路径）；可分次回复。",
  auth: true,
  operation:
    "mutation($id: Int!, $items: [SpotCheckResponseItemInput!]!) { respondSpotCheck(id: $id, items: $items) { id status } }",
  fieldNames: { id: "Id", items: "Items", image: "Image" },
  variables(input) {
    const d = input.data();
    return {
      id: d.int("Id"),
      items: d.items("Items", { max: MAX_ITEMS }).map((i) => ({ id: i.int("Id"), image: i.code("Image") })),
    };
  },
  value: () => undefined,
  requestSchema: {
    type: "object",
    required: ["Id", "Items"],
    properties: {
      Id: int("抽查的系统 ID"),
      Items: {
        type: "array",
        items: {
          type: "object",
          required: ["Id", "Image"],
          properties: { Id: int("抽查气瓶的系统 ID（GetDetail 的 Items[].Id）"), Image: str("照片在服务端上的路径") },
        },
      },
    },
  },
};
