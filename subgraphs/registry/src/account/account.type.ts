/** 接入账号 (Account) and the result of a login. */
import { ACCOUNT_ROLES } from "@cylinder/db";
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

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

  @Field(() => DateTime, { nullable: true, description: "停用时间 (disabled at); 空为在用" })
  disabledAt!: Date | null;
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

@ObjectType("AccountWithSecrets", {
  description: "新建的账号与只显示这一次的密钥 (a new account and its secrets, shown once)",
})
export class AccountWithSecrets {
  @Field(() => Account)
  account!: Account;

  @Field(() => String, {
    nullable: true,
    description: "平台生成的初始口令，只返回这一次；调用方自带口令时为空 (generated password, once)",
  })
  password!: string | null;

  @Field(() => String, { description: "SM4 密钥（32 位十六进制），只返回这一次 (the account's SM4 key, once)" })
  sm4Key!: string;
}

@ObjectType("Sm4Keys", {
  description: "本账号的 SM4 密钥 (the caller's SM4 keys): 轮换后旧密钥在重叠期内仍可解密",
})
export class Sm4Keys {
  @Field(() => String, { description: "当前密钥，32 位十六进制 (current key, hex)" })
  current!: string;

  @Field(() => String, { nullable: true, description: "上一密钥，重叠期内有效 (previous key, during the overlap)" })
  previous!: string | null;

  @Field(() => DateTime, { nullable: true, description: "上一密钥有效至 (previous key valid until)" })
  previousValidUntil!: Date | null;
}

@ObjectType("RevokedTicket", { description: "已撤销且未过期的令牌 (a revoked ticket not yet expired)" })
export class RevokedTicket {
  @Field(() => String, { description: "令牌 ID 的 SM3 摘要 (SM3 of the ticket id)" })
  idHash!: string;

  @Field(() => DateTime, { description: "令牌原定过期时间；之后无需再列入 (expires at)" })
  expiresAt!: Date;

  @Field(() => DateTime, { description: "撤销时间 (revoked at)" })
  revokedAt!: Date;
}

@InputType("AccountInput", { description: "新建接入账号 (a new account)" })
export class AccountInput {
  @Field(() => Int, { description: "所属单位 ID (unit id)" })
  unitId!: number;

  @Field(() => String, { description: "账号 (username): 3-64 位字母、数字或 . _ -" })
  username!: string;

  @Field(() => AccountRole, { description: "角色 (role)，须与单位类型相符" })
  role!: AccountRole;

  @Field(() => String, {
    nullable: true,
    description: "初始口令；不填则由平台生成并返回一次 (initial password; generated when omitted)",
  })
  password?: string | null;
}
