/**
 * The console's one door to the platform over HTTP: POST /graphql with the session's ticket
 * in the Authorization header. Errors come back as ApiError with the platform's Chinese
 * message and its stable code; a ticket the platform no longer accepts ends the session.
 */
import { endSession, session } from "./session";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const SESSION_GONE = new Set(["UNAUTHENTICATED", "TICKET_EXPIRED", "ACCOUNT_DISABLED"]);

/** The platform's message when it is Chinese; GraphQL's own (English) validation errors get a plain one. */
function messageOf(e: { message: string; extensions?: { code?: string } }): string {
  return /[\u4e00-\u9fff]/.test(e.message) ? e.message : `请求有误（${e.extensions?.code ?? "GRAPHQL"}）：${e.message}`;
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (session.ticket) headers.authorization = `Bearer ${session.ticket}`;
  let response: Response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError("无法连接平台，请检查网络后重试。", "NETWORK");
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`平台返回了无法识别的响应（HTTP ${response.status}）。`, "BAD_RESPONSE");
  }
  const error = body.errors?.[0];
  if (error) {
    const code = error.extensions?.code ?? "ERROR";
    if (SESSION_GONE.has(code) && session.ticket) {
      endSession(code === "ACCOUNT_DISABLED" ? "账号已停用。" : "登录已失效，请重新登录。");
    }
    if (!body.data || Object.values(body.data).every((v) => v === null)) throw new ApiError(messageOf(error), code);
  }
  if (!body.data) throw new ApiError("平台没有返回数据。", "NO_DATA");
  return body.data;
}

/** The message to show for anything thrown by `gql`. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
