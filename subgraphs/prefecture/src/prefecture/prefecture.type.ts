/** 州市 (Prefecture), keyed by its GB/T 2260 code. */
import { Directive, Field, ObjectType, registerEnumType } from "type-graphql";

export enum PlatformMode {
  SELF_BUILT = "self_built",
  PROVINCE_HOSTED = "province_hosted",
}
registerEnumType(PlatformMode, {
  name: "PlatformMode",
  description: "州市平台模式 (how the prefecture runs its platform)",
  valuesConfig: {
    SELF_BUILT: { description: "自建州市级平台，省平台按 lasttime 拉取 (self-built; the province pulls deltas)" },
    PROVINCE_HOSTED: { description: "使用省级平台 (a tenant of the province platform)" },
  },
});

@ObjectType("Prefecture", { description: "州市 (prefecture) of Yunnan" })
@Directive(`@key(fields: "code")`)
export class Prefecture {
  @Field(() => String, { description: "行政区划代码 (GB/T 2260 code), e.g. 530100" })
  code!: string;

  @Field(() => String, { description: "名称 (name)" })
  name!: string;

  @Field(() => PlatformMode, { description: "平台模式 (platform mode)" })
  mode!: PlatformMode;
}

/** The Cylinder entity as this subgraph extends it: its prefecture. */
@ObjectType("Cylinder")
@Directive(`@key(fields: "barcode")`)
export class PrefectureCylinder {
  @Field(() => String)
  barcode!: string;

  @Field(() => String)
  @Directive("@external")
  prefectureCode!: string;
}
