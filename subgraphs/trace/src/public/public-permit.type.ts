/** 公开充装判定 (PublicFillPermit): the scan page's badge, judged for the owner unit. */
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Int, ObjectType } from "type-graphql";
import { PermitReason } from "../permit/permit.type";

@ObjectType("PublicFillPermit", {
  description:
    "公开的充装判定：按产权单位判定此刻能否充装，原因用群众看得懂的话（公开） (the public permit badge: may the owner unit fill it now, reasons in plain words; public)",
})
export class PublicFillPermit {
  @Field(() => Boolean, { description: "是否可以充装 (permitted)" })
  permitted!: boolean;

  @Field(() => String, { description: "可以充装 / 禁止充装 (the badge's words)" })
  label!: string;

  @Field(() => [PermitReason], {
    description: "全部禁止充装的原因，可以充装时为空 (every reason; empty when permitted)",
  })
  reasons!: PermitReason[];

  @Field(() => Int, {
    nullable: true,
    description:
      "判定所依据的产权单位 ID；车用气瓶无平台内产权单位时为空 (the owner unit judged for; null: cylinder rules only)",
  })
  judgedForUnitId!: number | null;

  @Field(() => DateTime, { description: "判定时间 (decided at)" })
  decidedAt!: Date;
}
