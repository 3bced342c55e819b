/**
 * 身份验证 (filled gap): the annex requires a token before any exchange but shows no endpoint
 * for it. POST /PS/Account/Login with `data` {Username, Password} (or the HTTP parameters
 * `username` / `password` as form fields) → {State:0, Value:{Ticket, ExpireTime}}.
 * Over POST only, so passwords stay out of URLs and access logs.
 */
import { PlatformError } from "@cylinder/db";
import { code, password, record } from "../fields";
import { graphql } from "../gql";
import { dateTime14 } from "../output";
import { type StateRoute, stateRoute } from "../route";

export const login: StateRoute = stateRoute({
  path: "/PS/Account/Login",
  methods: ["POST"],
  tag: "身份验证",
  summary: "登录，获取令牌 (log in: ticket / token)",
  description:
    "补充接口：附件 1 要求“在接口交互前，需先获得接口令牌”，但未给出接口。以单位接入账号与密码换取有时限的令牌，" +
    "其他接口以 ticket 或 token 参数携带。密码仅以哈希保存、从不记录明文。",
  gap: true,
  auth: false,
  operation: graphql(`
    mutation Login($username: String!, $password: String!) {
      login(username: $username, password: $password) { ticket expiresAt }
    }
  `),
  // the password is read first: a refusal names it before the username
  data: record({
    Password: ["password", password("密码 (password)")],
    Username: ["username", code("接入账号 (username)")],
  }),
  variables(input) {
    if (input.request.data !== undefined) return input.data();
    // or form fields; a password is taken as sent: spaces may be part of it
    const username = input.request.params.username?.trim();
    const password = input.request.params.password;
    if (!username) throw new PlatformError("MISSING_FIELD", { field: "Username" });
    if (!password) throw new PlatformError("MISSING_FIELD", { field: "Password" });
    return { username, password };
  },
  value: ({ login: r }) => ({ Ticket: r.ticket, ExpireTime: dateTime14(r.expiresAt)! }),
  valueSchema: {
    type: "object",
    required: ["Ticket", "ExpireTime"],
    properties: {
      Ticket: { type: "string", description: "令牌，其他接口的 ticket/token 参数 (ticket)" },
      ExpireTime: { type: "string", description: "令牌过期时间 yyyyMMddHHmmss (expires at, China time)" },
    },
  },
  example: '{ Username: "km-filling", Password: "Test@2026" }',
});

export const logout: StateRoute = stateRoute({
  path: "/PS/Account/Logout",
  methods: ["POST"],
  tag: "身份验证",
  summary: "注销令牌 (log out: revoke the ticket)",
  description: "补充接口：注销本次使用的令牌（ticket 或 token），之后以它调用任何接口均返回 TICKET_EXPIRED。",
  gap: true,
  auth: true,
  operation: graphql(`
    mutation Logout($ticket: String!) {
      logout(ticket: $ticket)
    }
  `),
  // auth: the ticket is there and checked before this runs
  variables: (input) => ({ ticket: input.request.credential! }),
  value: () => undefined,
});
