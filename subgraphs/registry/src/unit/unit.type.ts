/** 单位 (Unit): filling units, inspection stations, registration authorities, manufacturers. */
import { maskPhone, openPersonal, type Scope, seesPersonalData, UNIT_KINDS } from "@cylinder/db";
import { CalendarDate } from "@cylinder/subgraph-kit";
import { Directive, Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { UnitRow } from "./unit.loader";

export enum UnitKind {
  FILLING = "filling",
  INSPECTION = "inspection",
  AUTHORITY = "authority",
  MANUFACTURER = "manufacturer",
}
registerEnumType(UnitKind, {
  name: "UnitKind",
  description: "单位类型 (kind of unit)",
  valuesConfig: Object.fromEntries(
    Object.entries(UNIT_KINDS).map(([k, label]) => [k.toUpperCase(), { description: label }]),
  ),
});

export enum AuthorityLevel {
  PROVINCE = "province",
  PREFECTURE = "prefecture",
  COUNTY = "county",
}
registerEnumType(AuthorityLevel, {
  name: "AuthorityLevel",
  description: "市场监管部门层级 (level of a market-regulation bureau)",
  valuesConfig: {
    PROVINCE: { description: "省局" },
    PREFECTURE: { description: "州市局" },
    COUNTY: { description: "县区局" },
  },
});

@ObjectType("Unit", { description: "单位 (unit): 充装单位、检验机构、登记机关、制造单位" })
@Directive(`@key(fields: "id")`)
export class Unit {
  @Field(() => Int)
  id!: number;

  @Field(() => UnitKind, { description: "单位类型 (kind)" })
  kind!: UnitKind;

  @Field(() => String, { description: "单位名称 (name)" })
  name!: string;

  @Field(() => String, { nullable: true, description: "统一社会信用代码 (unified social credit code)" })
  creditCode!: string | null;

  @Field(() => String, { description: "所在州市代码 (prefecture code, GB/T 2260)" })
  prefectureCode!: string;

  @Field(() => String, { nullable: true, description: "县区代码 (county code)" })
  countyCode!: string | null;

  @Field(() => AuthorityLevel, { nullable: true, description: "监管部门层级，仅登记机关 (authority level)" })
  authorityLevel!: AuthorityLevel | null;

  @Field(() => String, { nullable: true, description: "许可证编号 (licence number)" })
  licenseNo!: string | null;

  @Field(() => CalendarDate, { nullable: true, description: "许可证有效期至 (licence valid until)" })
  licenseExpiresOn!: string | null;

  @Field(() => [String], { description: "许可充装介质 (licensed filling media)" })
  licensedMedia!: string[];

  @Field(() => String, { nullable: true, description: "地址 (address)" })
  address!: string | null;

  @Field(() => String, { nullable: true, description: "联系人 (contact)" })
  contactName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "联系电话，按权限脱敏 (phone, masked unless the role may see it)",
  })
  contactPhone!: string | null;
}

export function toUnit(row: UnitRow, scope: Scope, dataKey: string): Unit {
  // the public (the scan page) sees the directory, not the people in it
  const isPublic = scope.kind === "public";
  let contactPhone: string | null = null;
  if (row.contactPhoneEnc && !isPublic) {
    const phone = openPersonal(row.contactPhoneEnc, dataKey);
    contactPhone = seesPersonalData(scope) ? phone : maskPhone(phone);
  }
  return {
    id: row.id,
    kind: row.kind as UnitKind,
    name: row.name,
    creditCode: row.creditCode,
    prefectureCode: row.prefectureCode,
    countyCode: row.countyCode,
    authorityLevel: row.authorityLevel as AuthorityLevel | null,
    licenseNo: row.licenseNo,
    licenseExpiresOn: row.licenseExpiresOn,
    licensedMedia: row.licensedMedia,
    address: row.address,
    contactName: isPublic ? null : row.contactName,
    contactPhone,
  };
}

@InputType("UnitInput", { description: "新建单位 (a new unit)" })
export class UnitInput {
  @Field(() => UnitKind, { description: "单位类型 (kind)" })
  kind!: UnitKind;

  @Field(() => String, { description: "单位名称 (name)" })
  name!: string;

  @Field(() => String, { nullable: true, description: "统一社会信用代码，18 位 (unified social credit code)" })
  creditCode?: string | null;

  @Field(() => String, { description: "所在州市代码；省局为 530000 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => String, { nullable: true, description: "县区代码，6 位 (county code)" })
  countyCode?: string | null;

  @Field(() => AuthorityLevel, { nullable: true, description: "监管部门层级，登记机关必填 (authority level)" })
  authorityLevel?: AuthorityLevel | null;

  @Field(() => String, { nullable: true, description: "许可证编号 (licence number)" })
  licenseNo?: string | null;

  @Field(() => String, { nullable: true, description: "许可证有效期至 YYYY-MM-DD (licence valid until)" })
  licenseExpiresOn?: string | null;

  @Field(() => [String], { nullable: true, description: "许可充装介质，仅充装单位 (licensed media)" })
  licensedMedia?: string[] | null;

  @Field(() => String, { nullable: true, description: "地址 (address)" })
  address?: string | null;

  @Field(() => String, { nullable: true, description: "联系人 (contact)" })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: "联系电话，加密存储 (phone, sealed at rest)" })
  contactPhone?: string | null;
}
