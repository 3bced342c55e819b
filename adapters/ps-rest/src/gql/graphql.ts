/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends " $fragmentName" | "__typename" ? T[P] : never };
import type { DocumentTypeDecoration } from "@graphql-typed-document-node/core";
/** 报警类型 (alarm type) */
export type AlarmType =
  /** 次年法定节假日安排未收录（检验时效将无法判定） */
  | "CALENDAR_NOTICE_MISSING"
  /** 充装前/后检查不合格 */
  | "CHECK_FAILED"
  /** 检验结果超过 5 个工作日上传 */
  | "LATE_INSPECTION"
  /** 充装数据超过 24 小时上传 */
  | "LATE_UPLOAD"
  /** 超装（净重超过最大充装量） */
  | "OVERFILL"
  /** 不允许充装 */
  | "PERMIT_REFUSED"
  /** 对账差异 */
  | "RECONCILIATION_GAP"
  /** 违规充装（充装了不允许充装的气瓶） */
  | "REFUSED_CYLINDER_FILLED"
  /** 州市平台同步失败 */
  | "SYNC_FAILURE"
  /** 未登记气瓶的追溯记录 */
  | "UNKNOWN_CYLINDER";

/** 一批检查记录 (a batch of checks, at most 1000) */
export type CheckBatchInput = {
  /** 检查人员 (Man.Name) */
  inspectorName?: string | null | undefined;
  /** 检查记录 (Items) */
  items: Array<CheckItemInput>;
};

/** 一条充装前/后检查 (one check, annex 1 §4/§6 Items[]) */
export type CheckItemInput = {
  /** 钢瓶条形码，首尾空格忽略 (Barcode, trimmed) */
  barcode: string;
  /** 检查时间 (Date); 未提供时以平台接收时间代替并注明 (omitted: the time of receipt stands in) */
  checkedAt?: string | null | undefined;
  /** 备注，例如不合格原因 (Remark) */
  remark?: string | null | undefined;
  /** 检查结果 (State): 0 合格, 1 不合格 */
  state: number;
  /** 第三方系统 ID，本单位内唯一 (ThridId, unique per unit and kind) */
  thirdId: string;
};

/** 一批充装记录 (a batch of fills, at most 1000) */
export type FillBatchInput = {
  /** 充装员 (Man.Name) */
  fillerName?: string | null | undefined;
  /** 充装记录 (Items) */
  items: Array<FillItemInput>;
  /** 充装秤厂家 (Factory.Name) */
  scaleFactory?: string | null | undefined;
};

/** 一条充装记录 (one fill, annex 1 §5 Items[]) */
export type FillItemInput = {
  /** 钢瓶条形码，首尾空格忽略 (Barcode, trimmed) */
  barcode: string;
  /** 开始时间 (BeginDate) */
  beginAt: string;
  /** 结束时间 (EndDate), 不早于开始时间 (not before BeginDate) */
  endAt: string;
  /** 毛重 kg (GrossWeight) */
  grossWeight: number;
  /** 瓶重 kg (IdleWeight) */
  idleWeight: number;
  /** 秤号 (Machine) */
  machine?: number | null | undefined;
  /** 净重 kg (NetWeight) */
  netWeight: number;
  /** 第三方系统 ID，本单位内唯一 (ThridId, unique per unit and kind) */
  thirdId: string;
};

/** 添加到工单的气瓶 (a cylinder to add, AddBottle Items[]) */
export type InspectionOrderItemInput = {
  /** 气瓶编号，首尾空格忽略 (Barcode, trimmed) */
  barcode: string;
  /** 序号 (SeqNo) */
  seqNo?: number | null | undefined;
};

/** 送检工单状态 (inspection order status) */
export type InspectionOrderStatus =
  /** 全部气瓶已有检验结果 (every cylinder on it has a result) */
  | "COMPLETED"
  /** 送检中，可添加/移除气瓶 (open: cylinders may be added and removed) */
  | "OPEN"
  /** 送检结束，等待检验 (submitted by EndApply, awaiting results) */
  | "SUBMITTED";

/** 存证的记录类别 (the kinds of record the ledger covers) */
export type LedgerTable =
  /** 充装后检查 (after-fill check) */
  | "AFTER_FILL_CHECK"
  /** 充装前检查 (before-fill check) */
  | "BEFORE_FILL_CHECK"
  /** 气瓶档案（每次状态变化一个版本）(cylinder archive, a version per state) */
  | "CYLINDER"
  /** 充装记录 (fill record) */
  | "FILL_RECORD"
  /** 定期检验结果 (inspection result) */
  | "INSPECTION_RESULT"
  /** 使用登记申请及审核（按版本）(use registration and its review, versioned) */
  | "REGISTRATION";

/** 使用登记申请 (ApplyNew / ApplyOld body) */
export type RegistrationInput = {
  /** 气瓶列表 (Items)，必填，至多 1000 只 */
  items?: Array<RegistrationItemInput> | null | undefined;
  /** 新瓶申请或旧瓶补录 (ApplyNew or ApplyOld) */
  kind: RegistrationKind;
  /** 基础资料 (Overview)，必填 */
  overview?: RegistrationOverviewInput | null | undefined;
  /** 第三方系统唯一 ID (ThirdId)，必填；同一单位同一类别重复提交返回同一申请 */
  thirdId?: string | null | undefined;
};

/** 气瓶 (an item of Items) */
export type RegistrationItemInput = {
  /** 气瓶条码 (Barcode)，必填，去除首尾空格 */
  barcode?: string | null | undefined;
  /** 自有编号 (InnerNo) */
  innerNo?: string | null | undefined;
  /** 钢印号 (Printno)，必填 */
  printno?: string | null | undefined;
};

/** 登记申请类别 (kind of application) */
export type RegistrationKind =
  /** 新瓶申请 (ApplyNew, annex 1 §7.1) */
  | "NEW"
  /** 旧瓶补录 (ApplyOld, annex 1 §7.2) */
  | "OLD";

/** 基础资料 (Overview of annex 1 §7.1/§7.2); 除 CheckDate、Remark 外均必填，缺少时返回 MISSING_FIELD */
export type RegistrationOverviewInput = {
  /** 照片路径 (BatchImage)，必填 */
  batchImage?: string | null | undefined;
  /** 上检日期 (CheckDate)，YYYY-MM-DD，新瓶可不填 */
  checkDate?: string | null | undefined;
  /** 照片路径 (DeviceImage)，必填 */
  deviceImage?: string | null | undefined;
  /** 报废日期 (DiscardDate)，YYYY-MM-DD，必填 */
  discardDate?: string | null | undefined;
  /** 厂家 ID (Factory)：制造单位的单位 ID，必填 */
  factoryId?: number | null | undefined;
  /** 瓶重 kg (IdleWeight)，必填 */
  idleWeight?: number | null | undefined;
  /** 充装介质 (Medium)，须在本单位许可范围内，必填 */
  medium?: string | null | undefined;
  /** 下检日期 (NextDate)，YYYY-MM-DD，必填 */
  nextDate?: string | null | undefined;
  /** 照片路径 (PayImage)，须为本单位 uploadImage 所得，必填 */
  payImage?: string | null | undefined;
  /** 生产日期 (CreateDate)，YYYY-MM-DD，必填 */
  productDate?: string | null | undefined;
  /** 备注 (Remark) */
  remark?: string | null | undefined;
  /** 气瓶型号 (Style)，必填 */
  style?: string | null | undefined;
  /** 阀门类型 (Valve): 1 角阀液相 2 角阀气相 3 直阀气相，必填 */
  valve?: number | null | undefined;
};

/** 抽查回复中的一只气瓶 (an answered item) */
export type SpotCheckResponseItemInput = {
  /** 抽查气瓶的系统 ID (Items[].Id) */
  id: number;
  /** 照片在服务端上的路径 (Image)，须为本单位 uploadImage 所得 */
  image: string;
};

/** 抽查状态 (spot check status) */
export type SpotCheckStatus =
  /** 已结束 (closed by the regulator) */
  | "CLOSED"
  /** 待回复 (open: the UnresponseList) */
  | "OPEN"
  /** 已回复，每只气瓶都有照片 (every item answered) */
  | "RESPONDED";

/** 时间来源 (where a record's time came from) */
export type TimeSource =
  /** 上传未提供，以平台接收时间代替 (not sent: the time of receipt stands in) */
  | "RECEIVED"
  /** 上传方提供 (reported by the uploader) */
  | "REPORTED";

/** 上传结果 (upload status of one item) */
export type UploadStatus =
  /** 已接收 (stored now) */
  | "ACCEPTED"
  /** 重复上传，已存在 (already stored under this ThridId: nothing stored twice; id is the existing record's) */
  | "DUPLICATE";

export type MySm4KeysQueryVariables = Exact<{ [key: string]: never }>;

export type MySm4KeysQuery = { mySm4Keys: { current: string; previous: string | null } };

export type LoginMutationVariables = Exact<{
  username: string;
  password: string;
}>;

export type LoginMutation = { login: { ticket: string; expiresAt: string } };

export type LogoutMutationVariables = Exact<{
  ticket: string;
}>;

export type LogoutMutation = { logout: boolean };

export type BeginInspectionOrderMutationVariables = Exact<{
  thirdId: string;
  stationUnitId: number;
  stationName?: string | null | undefined;
}>;

export type BeginInspectionOrderMutation = { beginInspectionOrder: { id: number } };

export type AddToInspectionOrderMutationVariables = Exact<{
  orderId: number;
  thirdId?: string | null | undefined;
  items: Array<InspectionOrderItemInput> | InspectionOrderItemInput;
}>;

export type AddToInspectionOrderMutation = { addToInspectionOrder: { id: number; itemCount: number } };

export type RemoveFromInspectionOrderMutationVariables = Exact<{
  orderId: number;
  thirdId?: string | null | undefined;
  barcodes: Array<string> | string;
}>;

export type RemoveFromInspectionOrderMutation = { removeFromInspectionOrder: { id: number; itemCount: number } };

export type SubmitInspectionOrderMutationVariables = Exact<{
  orderId: number;
  thirdId?: string | null | undefined;
}>;

export type SubmitInspectionOrderMutation = { submitInspectionOrder: { id: number; status: InspectionOrderStatus } };

export type TreeHeadFragment = {
  treeSize: number;
  rootHash: string;
  timestampMs: number;
  issuedAt: string;
  keyId: string;
  signature: string;
};

export type LedgerTreeHeadQueryVariables = Exact<{
  treeSize?: number | null | undefined;
}>;

export type LedgerTreeHeadQuery = {
  ledgerTreeHead: {
    treeSize: number;
    rootHash: string;
    timestampMs: number;
    issuedAt: string;
    keyId: string;
    signature: string;
  };
};

export type LedgerTreeHeadsQueryVariables = Exact<{
  fromSize?: number | null | undefined;
  first?: number | null | undefined;
}>;

export type LedgerTreeHeadsQuery = {
  ledgerTreeHeads: Array<{
    treeSize: number;
    rootHash: string;
    timestampMs: number;
    issuedAt: string;
    keyId: string;
    signature: string;
  }>;
};

export type LedgerPublicKeysQueryVariables = Exact<{ [key: string]: never }>;

export type LedgerPublicKeysQuery = {
  ledgerPublicKeys: Array<{
    keyId: string;
    algorithm: string;
    publicKey: string;
    digest: string;
    userId: string;
    current: boolean;
    signedMessage: string;
  }>;
};

export type LedgerRecordProofQueryVariables = Exact<{
  table: LedgerTable;
  id: number;
  version?: number | null | undefined;
  treeSize?: number | null | undefined;
}>;

export type LedgerRecordProofQuery = {
  ledgerRecordProof: {
    table: LedgerTable;
    id: number;
    version: number;
    canonical: string;
    leafHash: string;
    head: {
      treeSize: number;
      rootHash: string;
      timestampMs: number;
      issuedAt: string;
      keyId: string;
      signature: string;
    };
    proof: { leafIndex: number; treeSize: number; path: Array<string> };
  };
};

export type LedgerConsistencyProofQueryVariables = Exact<{
  fromSize: number;
  toSize?: number | null | undefined;
}>;

export type LedgerConsistencyProofQuery = {
  ledgerConsistencyProof: {
    fromSize: number;
    toSize: number;
    path: Array<string>;
    fromHead: {
      treeSize: number;
      rootHash: string;
      timestampMs: number;
      issuedAt: string;
      keyId: string;
      signature: string;
    } | null;
    toHead: {
      treeSize: number;
      rootHash: string;
      timestampMs: number;
      issuedAt: string;
      keyId: string;
      signature: string;
    } | null;
  };
};

export type GenericCylinderChangesQueryVariables = Exact<{
  since: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type GenericCylinderChangesQuery = {
  cylinderChanges: {
    horizon: string;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: Array<{
      id: number;
      barcode: string;
      printno: string | null;
      innerNo: string | null;
      style: string | null;
      valve: number | null;
      productDate: string | null;
      discardDate: string | null;
      checkDate: string | null;
      nextDate: string | null;
      state: number;
      idleWeight: number | null;
      fillWeight: number | null;
      medium: string;
      nominalPressure: number | null;
      volume: number | null;
      thickness: number | null;
      waterPressure: number | null;
      checkPeriod: number | null;
      lifePeriod: number | null;
      factory: string | null;
      designer: string | null;
      supervise: string | null;
      checkUnit: string | null;
      registerDate: string | null;
      prefectureCode: string;
      ownerUnitId: number | null;
    }>;
  };
};

export type CarCylinderChangesQueryVariables = Exact<{
  since: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type CarCylinderChangesQuery = {
  cylinderChanges: {
    horizon: string;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: Array<{
      id: number;
      barcode: string;
      medium: string;
      volume: number | null;
      productDate: string | null;
      checkDate: string | null;
      nextDate: string | null;
      state: number;
      innerNo: string | null;
      nominalPressure: number | null;
      factory: string | null;
      supervise: string | null;
      checkUnit: string | null;
      registerDate: string | null;
      prefectureCode: string;
      ownerUnitId: number | null;
      car: {
        registerNo: string | null;
        cylinderType: string | null;
        carNo: string | null;
        carType: number | null;
        carVin: string | null;
        certificateDate: string | null;
        useDate: string | null;
        deviceCode: string | null;
        productNo: string | null;
        company: string | null;
        identityNo: string | null;
        install: string | null;
        office: string | null;
      } | null;
    }>;
  };
};

export type CheckRowFragment = {
  id: number;
  barcode: string;
  state: number;
  remark: string | null;
  checkedAt: string;
  checkedAtSource: TimeSource;
  thirdId: string;
  inspectorName: string | null;
  receivedAt: string;
  unitId: number;
};

export type BeforeFillCheckChangesQueryVariables = Exact<{
  since: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type BeforeFillCheckChangesQuery = {
  beforeFillCheckChanges: {
    horizon: string;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: Array<{
      id: number;
      barcode: string;
      state: number;
      remark: string | null;
      checkedAt: string;
      checkedAtSource: TimeSource;
      thirdId: string;
      inspectorName: string | null;
      receivedAt: string;
      unitId: number;
    }>;
  };
};

export type AfterFillCheckChangesQueryVariables = Exact<{
  since: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type AfterFillCheckChangesQuery = {
  afterFillCheckChanges: {
    horizon: string;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: Array<{
      id: number;
      barcode: string;
      state: number;
      remark: string | null;
      checkedAt: string;
      checkedAtSource: TimeSource;
      thirdId: string;
      inspectorName: string | null;
      receivedAt: string;
      unitId: number;
    }>;
  };
};

export type FillRecordChangesQueryVariables = Exact<{
  since: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type FillRecordChangesQuery = {
  fillRecordChanges: {
    horizon: string;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: Array<{
      id: number;
      barcode: string;
      idleWeight: number;
      grossWeight: number;
      netWeight: number;
      beginAt: string;
      endAt: string;
      machine: number | null;
      thirdId: string;
      fillerName: string | null;
      scaleFactory: string | null;
      receivedAt: string;
      unitId: number;
    }>;
  };
};

export type InspectionResultChangesQueryVariables = Exact<{
  since: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type InspectionResultChangesQuery = {
  inspectionResultChanges: {
    horizon: string;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    nodes: Array<{
      id: number;
      orderId: number | null;
      barcode: string;
      thirdId: string | null;
      conclusion: number;
      reportDate: string;
      reportNo: string | null;
      valveReplaced: boolean;
      valveMaker: string | null;
      nextDate: string | null;
      remark: string | null;
      receivedAt: string;
      stationUnitId: number;
    }>;
  };
};

export type ApplyRegistrationMutationVariables = Exact<{
  input: RegistrationInput;
}>;

export type ApplyRegistrationMutation = { applyRegistration: { id: number } };

export type UploadImageMutationVariables = Exact<{
  contentType: string;
  data: string;
}>;

export type UploadImageMutation = { uploadImage: { path: string; byteSize: number; sm3: string } };

export type SpotCheckSummaryFragment = {
  id: number;
  style: string | null;
  checkCount: number;
  checkDate: string;
  checkComment: string | null;
  applyDate: string;
};

export type OpenSpotChecksQueryVariables = Exact<{ [key: string]: never }>;

export type OpenSpotChecksQuery = {
  spotChecks: {
    nodes: Array<{
      id: number;
      style: string | null;
      checkCount: number;
      checkDate: string;
      checkComment: string | null;
      applyDate: string;
    }>;
  };
};

export type SpotCheckQueryVariables = Exact<{
  id: number;
}>;

export type SpotCheckQuery = {
  spotCheck: {
    id: number;
    style: string | null;
    checkCount: number;
    checkDate: string;
    checkComment: string | null;
    applyDate: string;
    items: Array<{ id: number; barcode: string; printno: string | null; image: string | null }>;
  } | null;
};

export type RespondSpotCheckMutationVariables = Exact<{
  id: number;
  items: Array<SpotCheckResponseItemInput> | SpotCheckResponseItemInput;
}>;

export type RespondSpotCheckMutation = { respondSpotCheck: { id: number; status: SpotCheckStatus } };

export type UploadResultFragment = {
  accepted: number;
  duplicates: number;
  items: Array<{ thirdId: string; barcode: string; status: UploadStatus; id: number; alarms: Array<AlarmType> }>;
};

export type RecordBeforeFillChecksMutationVariables = Exact<{
  input: CheckBatchInput;
}>;

export type RecordBeforeFillChecksMutation = {
  recordBeforeFillChecks: {
    accepted: number;
    duplicates: number;
    items: Array<{ thirdId: string; barcode: string; status: UploadStatus; id: number; alarms: Array<AlarmType> }>;
  };
};

export type RecordAfterFillChecksMutationVariables = Exact<{
  input: CheckBatchInput;
}>;

export type RecordAfterFillChecksMutation = {
  recordAfterFillChecks: {
    accepted: number;
    duplicates: number;
    items: Array<{ thirdId: string; barcode: string; status: UploadStatus; id: number; alarms: Array<AlarmType> }>;
  };
};

export type RecordFillsMutationVariables = Exact<{
  input: FillBatchInput;
}>;

export type RecordFillsMutation = {
  recordFills: {
    accepted: number;
    duplicates: number;
    items: Array<{ thirdId: string; barcode: string; status: UploadStatus; id: number; alarms: Array<AlarmType> }>;
  };
};

export type RequestFillPermitMutationVariables = Exact<{
  barcode: string;
}>;

export type RequestFillPermitMutation = {
  requestFillPermit: {
    barcode: string;
    permitted: boolean;
    message: string;
    decidedAt: string;
    decisionId: number | null;
    effectiveNextDate: string | null;
    reasons: Array<{ code: string; message: string }>;
  };
};

export type ReportMonthlyCountMutationVariables = Exact<{
  year: number;
  month: number;
  count: number;
  type: number;
}>;

export type ReportMonthlyCountMutation = {
  reportMonthlyCount: { id: number; platformCount: number; difference: number; reportedCount: number };
};

export type UnitRefFragment = { name: string; creditCode: string | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>["__apiType"]>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const TreeHeadFragmentDoc = new TypedDocumentString(
  `
    fragment TreeHead on SignedTreeHead {
  treeSize
  rootHash
  timestampMs
  issuedAt
  keyId
  signature
}
    `,
  { fragmentName: "TreeHead" },
) as unknown as TypedDocumentString<TreeHeadFragment, unknown>;
export const CheckRowFragmentDoc = new TypedDocumentString(
  `
    fragment CheckRow on CheckRecord {
  id
  barcode
  state
  remark
  checkedAt
  checkedAtSource
  thirdId
  inspectorName
  receivedAt
  unitId
}
    `,
  { fragmentName: "CheckRow" },
) as unknown as TypedDocumentString<CheckRowFragment, unknown>;
export const SpotCheckSummaryFragmentDoc = new TypedDocumentString(
  `
    fragment SpotCheckSummary on SpotCheck {
  id
  style
  checkCount
  checkDate
  checkComment
  applyDate
}
    `,
  { fragmentName: "SpotCheckSummary" },
) as unknown as TypedDocumentString<SpotCheckSummaryFragment, unknown>;
export const UploadResultFragmentDoc = new TypedDocumentString(
  `
    fragment UploadResult on UploadResult {
  accepted
  duplicates
  items {
    thirdId
    barcode
    status
    id
    alarms
  }
}
    `,
  { fragmentName: "UploadResult" },
) as unknown as TypedDocumentString<UploadResultFragment, unknown>;
export const UnitRefFragmentDoc = new TypedDocumentString(
  `
    fragment UnitRef on Unit {
  name
  creditCode
}
    `,
  { fragmentName: "UnitRef" },
) as unknown as TypedDocumentString<UnitRefFragment, unknown>;
export const MySm4KeysDocument = new TypedDocumentString(`
    query MySm4Keys {
  mySm4Keys {
    current
    previous
  }
}
    `) as unknown as TypedDocumentString<MySm4KeysQuery, MySm4KeysQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    ticket
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout($ticket: String!) {
  logout(ticket: $ticket)
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const BeginInspectionOrderDocument = new TypedDocumentString(`
    mutation BeginInspectionOrder($thirdId: String!, $stationUnitId: Int!, $stationName: String) {
  beginInspectionOrder(
    thirdId: $thirdId
    stationUnitId: $stationUnitId
    stationName: $stationName
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<BeginInspectionOrderMutation, BeginInspectionOrderMutationVariables>;
export const AddToInspectionOrderDocument = new TypedDocumentString(`
    mutation AddToInspectionOrder($orderId: Int!, $thirdId: String, $items: [InspectionOrderItemInput!]!) {
  addToInspectionOrder(orderId: $orderId, thirdId: $thirdId, items: $items) {
    id
    itemCount
  }
}
    `) as unknown as TypedDocumentString<AddToInspectionOrderMutation, AddToInspectionOrderMutationVariables>;
export const RemoveFromInspectionOrderDocument = new TypedDocumentString(`
    mutation RemoveFromInspectionOrder($orderId: Int!, $thirdId: String, $barcodes: [String!]!) {
  removeFromInspectionOrder(
    orderId: $orderId
    thirdId: $thirdId
    barcodes: $barcodes
  ) {
    id
    itemCount
  }
}
    `) as unknown as TypedDocumentString<RemoveFromInspectionOrderMutation, RemoveFromInspectionOrderMutationVariables>;
export const SubmitInspectionOrderDocument = new TypedDocumentString(`
    mutation SubmitInspectionOrder($orderId: Int!, $thirdId: String) {
  submitInspectionOrder(orderId: $orderId, thirdId: $thirdId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<SubmitInspectionOrderMutation, SubmitInspectionOrderMutationVariables>;
export const LedgerTreeHeadDocument = new TypedDocumentString(`
    query LedgerTreeHead($treeSize: Int) {
  ledgerTreeHead(treeSize: $treeSize) {
    ...TreeHead
  }
}
    fragment TreeHead on SignedTreeHead {
  treeSize
  rootHash
  timestampMs
  issuedAt
  keyId
  signature
}`) as unknown as TypedDocumentString<LedgerTreeHeadQuery, LedgerTreeHeadQueryVariables>;
export const LedgerTreeHeadsDocument = new TypedDocumentString(`
    query LedgerTreeHeads($fromSize: Int, $first: Int) {
  ledgerTreeHeads(fromSize: $fromSize, first: $first) {
    ...TreeHead
  }
}
    fragment TreeHead on SignedTreeHead {
  treeSize
  rootHash
  timestampMs
  issuedAt
  keyId
  signature
}`) as unknown as TypedDocumentString<LedgerTreeHeadsQuery, LedgerTreeHeadsQueryVariables>;
export const LedgerPublicKeysDocument = new TypedDocumentString(`
    query LedgerPublicKeys {
  ledgerPublicKeys {
    keyId
    algorithm
    publicKey
    digest
    userId
    current
    signedMessage
  }
}
    `) as unknown as TypedDocumentString<LedgerPublicKeysQuery, LedgerPublicKeysQueryVariables>;
export const LedgerRecordProofDocument = new TypedDocumentString(`
    query LedgerRecordProof($table: LedgerTable!, $id: Int!, $version: Int, $treeSize: Int) {
  ledgerRecordProof(
    table: $table
    id: $id
    version: $version
    treeSize: $treeSize
  ) {
    table
    id
    version
    canonical
    leafHash
    head {
      ...TreeHead
    }
    proof {
      leafIndex
      treeSize
      path
    }
  }
}
    fragment TreeHead on SignedTreeHead {
  treeSize
  rootHash
  timestampMs
  issuedAt
  keyId
  signature
}`) as unknown as TypedDocumentString<LedgerRecordProofQuery, LedgerRecordProofQueryVariables>;
export const LedgerConsistencyProofDocument = new TypedDocumentString(`
    query LedgerConsistencyProof($fromSize: Int!, $toSize: Int) {
  ledgerConsistencyProof(fromSize: $fromSize, toSize: $toSize) {
    fromSize
    toSize
    path
    fromHead {
      ...TreeHead
    }
    toHead {
      ...TreeHead
    }
  }
}
    fragment TreeHead on SignedTreeHead {
  treeSize
  rootHash
  timestampMs
  issuedAt
  keyId
  signature
}`) as unknown as TypedDocumentString<LedgerConsistencyProofQuery, LedgerConsistencyProofQueryVariables>;
export const GenericCylinderChangesDocument = new TypedDocumentString(`
    query GenericCylinderChanges($since: DateTime!, $first: Int, $after: String) {
  cylinderChanges(kind: GENERIC, since: $since, first: $first, after: $after) {
    horizon
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      barcode
      printno
      innerNo
      style
      valve
      productDate
      discardDate
      checkDate
      nextDate
      state
      idleWeight
      fillWeight
      medium
      nominalPressure
      volume
      thickness
      waterPressure
      checkPeriod
      lifePeriod
      factory
      designer
      supervise
      checkUnit
      registerDate
      prefectureCode
      ownerUnitId
    }
  }
}
    `) as unknown as TypedDocumentString<GenericCylinderChangesQuery, GenericCylinderChangesQueryVariables>;
export const CarCylinderChangesDocument = new TypedDocumentString(`
    query CarCylinderChanges($since: DateTime!, $first: Int, $after: String) {
  cylinderChanges(kind: CAR, since: $since, first: $first, after: $after) {
    horizon
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      barcode
      medium
      volume
      productDate
      checkDate
      nextDate
      state
      innerNo
      nominalPressure
      factory
      supervise
      checkUnit
      registerDate
      prefectureCode
      ownerUnitId
      car {
        registerNo
        cylinderType
        carNo
        carType
        carVin
        certificateDate
        useDate
        deviceCode
        productNo
        company
        identityNo
        install
        office
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CarCylinderChangesQuery, CarCylinderChangesQueryVariables>;
export const BeforeFillCheckChangesDocument = new TypedDocumentString(`
    query BeforeFillCheckChanges($since: DateTime!, $first: Int, $after: String) {
  beforeFillCheckChanges(since: $since, first: $first, after: $after) {
    horizon
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      ...CheckRow
    }
  }
}
    fragment CheckRow on CheckRecord {
  id
  barcode
  state
  remark
  checkedAt
  checkedAtSource
  thirdId
  inspectorName
  receivedAt
  unitId
}`) as unknown as TypedDocumentString<BeforeFillCheckChangesQuery, BeforeFillCheckChangesQueryVariables>;
export const AfterFillCheckChangesDocument = new TypedDocumentString(`
    query AfterFillCheckChanges($since: DateTime!, $first: Int, $after: String) {
  afterFillCheckChanges(since: $since, first: $first, after: $after) {
    horizon
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      ...CheckRow
    }
  }
}
    fragment CheckRow on CheckRecord {
  id
  barcode
  state
  remark
  checkedAt
  checkedAtSource
  thirdId
  inspectorName
  receivedAt
  unitId
}`) as unknown as TypedDocumentString<AfterFillCheckChangesQuery, AfterFillCheckChangesQueryVariables>;
export const FillRecordChangesDocument = new TypedDocumentString(`
    query FillRecordChanges($since: DateTime!, $first: Int, $after: String) {
  fillRecordChanges(since: $since, first: $first, after: $after) {
    horizon
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      barcode
      idleWeight
      grossWeight
      netWeight
      beginAt
      endAt
      machine
      thirdId
      fillerName
      scaleFactory
      receivedAt
      unitId
    }
  }
}
    `) as unknown as TypedDocumentString<FillRecordChangesQuery, FillRecordChangesQueryVariables>;
export const InspectionResultChangesDocument = new TypedDocumentString(`
    query InspectionResultChanges($since: DateTime!, $first: Int, $after: String) {
  inspectionResultChanges(since: $since, first: $first, after: $after) {
    horizon
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      id
      orderId
      barcode
      thirdId
      conclusion
      reportDate
      reportNo
      valveReplaced
      valveMaker
      nextDate
      remark
      receivedAt
      stationUnitId
    }
  }
}
    `) as unknown as TypedDocumentString<InspectionResultChangesQuery, InspectionResultChangesQueryVariables>;
export const ApplyRegistrationDocument = new TypedDocumentString(`
    mutation ApplyRegistration($input: RegistrationInput!) {
  applyRegistration(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<ApplyRegistrationMutation, ApplyRegistrationMutationVariables>;
export const UploadImageDocument = new TypedDocumentString(`
    mutation UploadImage($contentType: String!, $data: String!) {
  uploadImage(contentType: $contentType, dataBase64: $data) {
    path
    byteSize
    sm3
  }
}
    `) as unknown as TypedDocumentString<UploadImageMutation, UploadImageMutationVariables>;
export const OpenSpotChecksDocument = new TypedDocumentString(`
    query OpenSpotChecks {
  spotChecks(first: 500, filter: {status: OPEN}) {
    nodes {
      ...SpotCheckSummary
    }
  }
}
    fragment SpotCheckSummary on SpotCheck {
  id
  style
  checkCount
  checkDate
  checkComment
  applyDate
}`) as unknown as TypedDocumentString<OpenSpotChecksQuery, OpenSpotChecksQueryVariables>;
export const SpotCheckDocument = new TypedDocumentString(`
    query SpotCheck($id: Int!) {
  spotCheck(id: $id) {
    ...SpotCheckSummary
    items {
      id
      barcode
      printno
      image
    }
  }
}
    fragment SpotCheckSummary on SpotCheck {
  id
  style
  checkCount
  checkDate
  checkComment
  applyDate
}`) as unknown as TypedDocumentString<SpotCheckQuery, SpotCheckQueryVariables>;
export const RespondSpotCheckDocument = new TypedDocumentString(`
    mutation RespondSpotCheck($id: Int!, $items: [SpotCheckResponseItemInput!]!) {
  respondSpotCheck(id: $id, items: $items) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RespondSpotCheckMutation, RespondSpotCheckMutationVariables>;
export const RecordBeforeFillChecksDocument = new TypedDocumentString(`
    mutation RecordBeforeFillChecks($input: CheckBatchInput!) {
  recordBeforeFillChecks(input: $input) {
    ...UploadResult
  }
}
    fragment UploadResult on UploadResult {
  accepted
  duplicates
  items {
    thirdId
    barcode
    status
    id
    alarms
  }
}`) as unknown as TypedDocumentString<RecordBeforeFillChecksMutation, RecordBeforeFillChecksMutationVariables>;
export const RecordAfterFillChecksDocument = new TypedDocumentString(`
    mutation RecordAfterFillChecks($input: CheckBatchInput!) {
  recordAfterFillChecks(input: $input) {
    ...UploadResult
  }
}
    fragment UploadResult on UploadResult {
  accepted
  duplicates
  items {
    thirdId
    barcode
    status
    id
    alarms
  }
}`) as unknown as TypedDocumentString<RecordAfterFillChecksMutation, RecordAfterFillChecksMutationVariables>;
export const RecordFillsDocument = new TypedDocumentString(`
    mutation RecordFills($input: FillBatchInput!) {
  recordFills(input: $input) {
    ...UploadResult
  }
}
    fragment UploadResult on UploadResult {
  accepted
  duplicates
  items {
    thirdId
    barcode
    status
    id
    alarms
  }
}`) as unknown as TypedDocumentString<RecordFillsMutation, RecordFillsMutationVariables>;
export const RequestFillPermitDocument = new TypedDocumentString(`
    mutation RequestFillPermit($barcode: String!) {
  requestFillPermit(barcode: $barcode, channel: REST) {
    barcode
    permitted
    message
    reasons {
      code
      message
    }
    decidedAt
    decisionId
    effectiveNextDate
  }
}
    `) as unknown as TypedDocumentString<RequestFillPermitMutation, RequestFillPermitMutationVariables>;
export const ReportMonthlyCountDocument = new TypedDocumentString(`
    mutation ReportMonthlyCount($year: Int!, $month: Int!, $count: Int!, $type: Int!) {
  reportMonthlyCount(year: $year, month: $month, count: $count, type: $type) {
    id
    platformCount
    difference
    reportedCount
  }
}
    `) as unknown as TypedDocumentString<ReportMonthlyCountMutation, ReportMonthlyCountMutationVariables>;
