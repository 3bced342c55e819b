/** The answer to an upload batch: per item ACCEPTED or DUPLICATE, with its id and alarms. */
import type { AlarmType } from "@cylinder/db";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { AlarmTypeValues } from "../alarm/alarm.type";
import type { Lateness } from "../inspection/lateness";
import { LatenessValues } from "../inspection/lateness.enum";

export enum UploadStatus {
  ACCEPTED = "ACCEPTED",
  DUPLICATE = "DUPLICATE",
}
registerEnumType(UploadStatus, {
  name: "UploadStatus",
  description: "上传结果 (upload status of one item)",
  valuesConfig: {
    ACCEPTED: { description: "已接收 (stored now)" },
    DUPLICATE: {
      description:
        "重复上传，已存在 (already stored under this ThridId: nothing stored twice; id is the existing record's)",
    },
  },
});

@ObjectType("UploadItemResult", { description: "单条上传结果 (result of one uploaded item)" })
export class UploadItemResult {
  @Field(() => String, { description: "第三方系统 ID (ThridId / ThirdId)" })
  thirdId!: string;

  @Field(() => String, {
    description: "气瓶编号，去除首尾空格 (barcode, trimmed; for a duplicate, the stored record's)",
  })
  barcode!: string;

  @Field(() => UploadStatus, { description: "接收或重复 (accepted or duplicate)" })
  status!: UploadStatus;

  @Field(() => Int, { description: "平台记录 ID (the platform's record id)" })
  id!: number;

  @Field(() => [AlarmTypeValues], {
    description: "该记录引发的报警 (alarms the record raised; for a duplicate, those it raised when first stored)",
  })
  alarms!: AlarmType[];

  @Field(() => LatenessValues, {
    nullable: true,
    description: "检验结果上传时效，仅检验结果 (inspection results only: on time, late, or undetermined)",
  })
  lateness!: Lateness | null;
}

@ObjectType("UploadResult", { description: "批量上传结果 (result of an upload batch)" })
export class UploadResult {
  @Field(() => Int, { description: "本次新接收条数 (items stored now)" })
  accepted!: number;

  @Field(() => Int, { description: "重复条数 (items already stored)" })
  duplicates!: number;

  @Field(() => [UploadItemResult], { description: "逐条结果，与提交顺序一致 (per item, in the order sent)" })
  items!: UploadItemResult[];
}
