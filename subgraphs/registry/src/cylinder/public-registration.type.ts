/**
 * 公开登记信息 (PublicRegistration): what the scan page says about a cylinder's use
 * registration (一瓶一码), to anyone: that it is registered, when, by which authority, and
 * the certificate or application number. Never the owner's person data.
 */
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("PublicRegistration", {
  description: "使用登记信息（公开） (the cylinder's use registration, public fields)",
})
export class PublicRegistration {
  @Field(() => DateTime, { nullable: true, description: "登记时间 (registered at)" })
  registeredAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "使用登记证编号（车用气瓶）或登记申请编号 (certificate no. of a car cylinder, else the application no.)",
  })
  certificateNo!: string | null;

  @Field(() => String, { nullable: true, description: "登记机关 (registration authority)" })
  office!: string | null;

  @Field(() => Int, { nullable: true, description: "登记申请 ID (registration application id)" })
  registrationId!: number | null;
}
