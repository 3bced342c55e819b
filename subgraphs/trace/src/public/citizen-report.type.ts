/** 群众反映 (CitizenReport): the scan page's report form, its receipt, and the regulator's list. */
import { CITIZEN_REPORT_KINDS, type CitizenReportKind } from "@cylinder/db";
import { Connection, DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { TraceCylinder } from "../cylinder/trace-cylinder.type";
import { toDateNN } from "../shared/sql";

/** GraphQL names (NO_LABEL…) → stored values (no_label…). */
export const CitizenReportKindValues = Object.fromEntries(
  (Object.keys(CITIZEN_REPORT_KINDS) as CitizenReportKind[]).map((k) => [k.toUpperCase(), k]),
) as Record<string, CitizenReportKind>;

registerEnumType(CitizenReportKindValues, {
  name: "CitizenReportKind",
  description: "群众反映的问题类别 (what a citizen reports)",
  valuesConfig: Object.fromEntries(
    (Object.entries(CITIZEN_REPORT_KINDS) as [CitizenReportKind, string][]).map(([k, label]) => [
      k.toUpperCase(),
      { description: label },
    ]),
  ),
});

@InputType("CitizenReportInput", { description: "群众反映（扫码页表单） (a citizen's report from the scan page)" })
export class CitizenReportInput {
  @Field(() => String, { description: "气瓶编号 (barcode)" })
  barcode!: string;

  @Field(() => CitizenReportKindValues, { description: "问题类别 (kind)" })
  kind!: CitizenReportKind;

  @Field(() => String, { nullable: true, description: "情况说明，至多 500 字 (what happened, at most 500 characters)" })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "联系电话（选填，便于监管部门回访；加密保存） (phone for a call back, optional; stored sealed)",
  })
  contactPhone?: string | null;
}

@ObjectType("CitizenReportReceipt", { description: "群众反映的回执 (the receipt of a report)" })
export class CitizenReportReceipt {
  @Field(() => Int, { description: "反映编号 (report id)" })
  reportId!: number;

  @Field(() => DateTime, { description: "受理时间 (received at)" })
  receivedAt!: Date;

  @Field(() => String, { description: "给群众的答复 (the answer shown to the citizen)" })
  message!: string;
}

@ObjectType("CitizenReport", { description: "群众反映（监管部门可见） (a citizen's report, for regulators)" })
export class CitizenReport {
  @Field(() => Int, { description: "反映编号 (id)" })
  id!: number;

  @Field(() => String, { description: "气瓶编号 (barcode)" })
  barcode!: string;

  @Field(() => CitizenReportKindValues, { description: "问题类别 (kind)" })
  kind!: CitizenReportKind;

  @Field(() => String, { description: "问题类别名称 (kind label)" })
  kindLabel!: string;

  @Field(() => String, { nullable: true, description: "情况说明 (description)" })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "联系电话 (phone, for a call back)" })
  contactPhone!: string | null;

  @Field(() => String, { description: "气瓶所在州市 (the cylinder's prefecture)" })
  prefectureCode!: string;

  @Field(() => Int, { nullable: true, description: "反映时的产权单位 ID (owner unit when reported)" })
  ownerUnitId!: number | null;

  @Field(() => DateTime, { description: "受理时间 (received at)" })
  receivedAt!: Date;

  @Field(() => TraceCylinder, { description: "气瓶 (the cylinder)" })
  cylinder!: TraceCylinder;
}

@ObjectType("CitizenReportConnection", { description: "群众反映分页列表 (a page of citizen reports)" })
export class CitizenReportConnection extends Connection(CitizenReport) {}

@InputType("CitizenReportFilter", { description: "群众反映筛选条件 (citizen report filter)" })
export class CitizenReportFilter {
  @Field(() => String, { nullable: true, description: "州市代码 (prefecture code)" })
  prefectureCode?: string;

  @Field(() => String, { nullable: true, description: "气瓶编号 (barcode)" })
  barcode?: string;

  @Field(() => DateTime, { nullable: true, description: "受理时间不早于 (received at or after)" })
  from?: Date;

  @Field(() => DateTime, { nullable: true, description: "受理时间早于 (received before)" })
  to?: Date;
}

export interface CitizenReportRow {
  id: number;
  barcode: string;
  kind: CitizenReportKind;
  description: string | null;
  contact_phone_enc: string | null;
  prefecture_code: string;
  owner_unit_id: number | null;
  received_at: string;
}

export const CITIZEN_REPORT_COLUMNS =
  "x.id, x.barcode, x.kind, x.description, x.contact_phone_enc, x.prefecture_code, x.owner_unit_id, x.received_at";

export function toCitizenReport(r: CitizenReportRow, contactPhone: string | null): CitizenReport {
  return {
    id: Number(r.id),
    barcode: r.barcode,
    kind: r.kind,
    kindLabel: CITIZEN_REPORT_KINDS[r.kind] ?? r.kind,
    description: r.description,
    contactPhone,
    prefectureCode: r.prefecture_code,
    ownerUnitId: r.owner_unit_id,
    receivedAt: toDateNN(r.received_at),
    cylinder: { barcode: r.barcode },
  };
}

@ObjectType("UnknownCodeScanReceipt", {
  description: "未登记编码扫码记录的结果 (what became of a scan of an unknown code)",
})
export class UnknownCodeScanReceipt {
  @Field(() => Boolean, { description: "该编码其实已登记，未记录 (the code is registered: nothing recorded)" })
  known!: boolean;

  @Field(() => Boolean, { description: "本次扫码已记录 (this scan was recorded)" })
  recorded!: boolean;

  @Field(() => Boolean, { description: "该编码首次被扫，已报警 (the code's first scan: its alarm was raised)" })
  firstScan!: boolean;
}
