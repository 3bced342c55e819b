/** The prefecture sync as GraphQL types: sources, per-list state, quarantined rows. */

import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

export enum SyncList {
  GENERIC_BOTTLE = "generic_bottle",
  CAR_BOTTLE = "car_bottle",
  BEFORE_FILL_CHECK = "before_fill_check",
  FILL_RECORD = "fill_record",
  AFTER_FILL_CHECK = "after_fill_check",
  INSPECTION_RESULT = "inspection_result",
}
registerEnumType(SyncList, {
  name: "SyncList",
  description: "省平台从自建州市平台拉取的列表 (the lists the province pulls from a self-built platform)",
  valuesConfig: {
    GENERIC_BOTTLE: { description: "非车用气瓶档案 GenericBottle/List" },
    CAR_BOTTLE: { description: "车用气瓶档案 CarBottle/List" },
    BEFORE_FILL_CHECK: { description: "充装前检查 GenericTrace/BeforeFillList" },
    FILL_RECORD: { description: "充装记录 GenericTrace/FillList" },
    AFTER_FILL_CHECK: { description: "充装后检查 GenericTrace/AfterFillList" },
    INSPECTION_RESULT: { description: "检验结果 CheckResult/List" },
  },
});

@ObjectType("SyncSource", {
  description: "同步来源：自建州市平台 (a self-built prefecture platform the province pulls)",
})
export class SyncSourceInfo {
  @Field(() => String, { description: "州市代码 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => String, { description: "平台地址 (base URL)" })
  baseUrl!: string;

  @Field(() => String, { description: "省平台在该平台的接入账号 (the province's account there)" })
  username!: string;

  @Field(() => Int, { description: "拉取间隔，秒 (pull interval, seconds)" })
  intervalSeconds!: number;

  @Field(() => Boolean, { description: "是否已暂停 (paused)" })
  paused!: boolean;
}

@ObjectType("SyncState", { description: "一个州市一个列表的同步状态 (sync state of one prefecture and list)" })
export class SyncStateInfo {
  @Field(() => SyncList, { description: "列表 (list)" })
  list!: SyncList;

  @Field(() => DateTime, {
    nullable: true,
    description: "水位：下次读取的 lasttime（来源平台时钟）(watermark: the next read's lasttime, source clock)",
  })
  watermark!: Date | null;

  @Field(() => Float, { nullable: true, description: "最近取到的来源记录 Id (the last source Id taken)" })
  watermarkId!: number | null;

  @Field(() => Boolean, {
    description: "有一次读取进行中或被中断（将从游标处续读）(a read is in progress or interrupted)",
  })
  reading!: boolean;

  @Field(() => DateTime, { nullable: true, description: "最近一次尝试 (last attempt)" })
  lastAttemptAt!: Date | null;

  @Field(() => DateTime, {
    nullable: true,
    description: "最近一次读到水位的成功拉取 (last pull that reached the horizon)",
  })
  lastSuccessAt!: Date | null;

  @Field(() => Int, { description: "滞后秒数：距最近一次成功拉取 (lag: seconds since the last successful pull)" })
  lagSeconds!: number;

  @Field(() => Float, { description: "累计拉取行数 (rows pulled)" })
  rowsPulled!: number;

  @Field(() => String, { nullable: true, description: "最近一次错误 (last error)" })
  lastError!: string | null;

  @Field(() => DateTime, { nullable: true, description: "最近一次错误时间 (when)" })
  lastErrorAt!: Date | null;

  @Field(() => Int, { description: "连续失败次数 (failed attempts in a row)" })
  consecutiveFailures!: number;

  @Field(() => Int, { description: "累计隔离行数 (rows quarantined)" })
  quarantinedCount!: number;
}

@ObjectType("SyncQuarantinedRow", { description: "被隔离的来源记录 (a source row the province could not accept)" })
export class SyncQuarantinedRow {
  @Field(() => Float)
  id!: number;

  @Field(() => String, { description: "来源州市 (source prefecture)" })
  prefectureCode!: string;

  @Field(() => SyncList)
  list!: SyncList;

  @Field(() => String, { nullable: true, description: "来源记录 Id (source record Id)" })
  sourceRecordId!: string | null;

  @Field(() => String, { description: "原始记录 JSON (the row as received)" })
  payload!: string;

  @Field(() => String, { description: "隔离原因 (reason)" })
  reason!: string;

  @Field(() => DateTime, { description: "收到时间 (received at)" })
  receivedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: "处理时间 (settled at)" })
  resolvedAt!: Date | null;
}

@InputType("SyncSourceInput", { description: "同步来源设置 (a self-built platform to pull)" })
export class SyncSourceInput {
  @Field(() => String, { description: "州市代码，须为自建平台州市 (530100 昆明, 532600 文山)" })
  prefectureCode!: string;

  @Field(() => String, { description: "平台地址，如 https://km.example/ (base URL)" })
  baseUrl!: string;

  @Field(() => String, { description: "接入账号 (username)" })
  username!: string;

  @Field(() => String, { description: "密码，加密保存 (password, stored sealed)" })
  password!: string;

  @Field(() => String, { nullable: true, description: "SM4 密钥 32 位十六进制，加密保存 (SM4 key)" })
  sm4Key?: string | null;

  @Field(() => Int, { nullable: true, description: "拉取间隔秒数，默认 60 (interval, seconds)" })
  intervalSeconds?: number | null;
}
