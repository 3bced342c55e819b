/** 接入账号 (Account) and the result of a login. */
import { ACCOUNT_ROLES } from "@cylinder/db";
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

export enum AccountRole {
  FILLING_UNIT = "filling_unit",
  INSPECTION_STATION = "inspection_station",
  PREFECTURE_REGULATOR = "prefecture_regulator",
  PROVINCE_REGULATOR = "province_regulator",
  PLATFORM = "platform",
  OPERATOR = "operator",
}
registerEnumType(AccountRole, {
  name: "AccountRole",
  description: "账号角色 (role of an account)",
  valuesConfig: Object.fromEntries(
    Object.entries(ACCOUNT_ROLES).map(([k, label]) => [k.toUpperCase(), { description: label }]),
  ),
});

@ObjectType("Account", { description: "接入账号 (account)" })
export class Account {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: "账号 (username)" })
  username!: string;

  @Field(() => AccountRole, { description: "角色 (role)" })
  role!: AccountRole;

  @Field(() => Int, { description: "所属单位 ID (unit id)" })
  unitId!: number;

  @Field(() => String, { nullable: true, description: "管辖州市 (prefecture scope)" })
  prefectureCode!: string | null;
}

@ObjectType("LoginResult", { description: "登录结果 (login result): 令牌与有效期" })
export class LoginResult {
  @Field(() => String, { description: "令牌 (ticket / token)，调用其他接口时携带" })
  ticket!: string;

  @Field(() => DateTime, { description: "令牌过期时间 (expires at)" })
  expiresAt!: Date;

  @Field(() => Account)
  account!: Account;
}
