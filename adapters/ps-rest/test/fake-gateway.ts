/**
 * An in-memory gateway for the adapter's own tests: it implements the adapter's seam to the
 * GraphQL layer (what infra wires to the real gateway), records every operation it is asked
 * to run, and answers from canned results keyed by the operation's root field. Not a mock of
 * Postgres or HTTP: the adapter's whole request path (fastify, decoding, the route table,
 * the answer) runs for real through `app.inject`.
 */
import { createLogger, PlatformError } from "@cylinder/db";
import Fastify, { type FastifyInstance } from "fastify";
import type { GatewayClient, OperationResult } from "../src/gateway-client";
import { registerPsRest } from "../src/server";

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
  credential: string | undefined;
}

type Answer = OperationResult | ((variables: Record<string, unknown>, query: string) => OperationResult);

/** A ticket the fake accepts (anything else is UNAUTHENTICATED). */
export const TICKET = "T1.station.ok";
/** The station's SM4 keys (current, previous), as `mySm4Keys` answers them. */
export const SM4_KEY = "00112233445566778899aabbccddeeff";
export const SM4_PREVIOUS_KEY = "ffeeddccbbaa99887766554433221100";

export class FakeGateway implements GatewayClient {
  readonly operations: Operation[] = [];
  private readonly answers = new Map<string, Answer>();

  constructor(answers: Record<string, Answer> = {}) {
    this.answer("mySm4Keys", { data: { mySm4Keys: { current: SM4_KEY, previous: SM4_PREVIOUS_KEY } } });
    for (const [field, answer] of Object.entries(answers)) this.answer(field, answer);
  }

  /** How the fake answers operations whose root field is `field`. */
  answer(field: string, answer: Answer): this {
    this.answers.set(field, answer);
    return this;
  }

  authenticate(credential: string): void {
    if (credential !== TICKET) throw new PlatformError("UNAUTHENTICATED");
  }

  async execute(
    query: string,
    variables: Record<string, unknown>,
    credential: string | undefined,
  ): Promise<OperationResult> {
    this.operations.push({ query, variables, credential });
    const field = [...this.answers.keys()].find((f) => new RegExp(`[{\\s]${f}\\b`).test(query));
    if (field === undefined) throw new Error(`the fake gateway has no answer for ${query}`);
    const answer = this.answers.get(field)!;
    return typeof answer === "function" ? answer(variables, query) : answer;
  }

  /** The variables of the last operation run (the one a route ran, after any key lookup). */
  get lastVariables(): Record<string, unknown> | undefined {
    return this.operations.at(-1)?.variables;
  }
}

/** A fastify app with /PS/* mounted over `gateway`, ready for `app.inject`. */
export async function psApp(gateway: FakeGateway): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await registerPsRest(app, { gateway, log: createLogger("ps-rest", "silent") });
  await app.ready();
  return app;
}

/** A GraphQL error the way the subgraphs raise a PlatformError. */
export function platformError(code: string, details: Record<string, unknown>, message = code): OperationResult {
  return { errors: [{ message, extensions: { code, details } }] };
}
