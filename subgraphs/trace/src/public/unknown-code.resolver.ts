/** Scans of unknown codes, recorded by the scan page (public; limited per address). */
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { TraceContext } from "../context";
import { UnknownCodeScanReceipt } from "./citizen-report.type";
import { scannedCode } from "./unknown-code.rules";
import { recordUnknownCodeScan } from "./unknown-code.store";

@Resolver()
export class UnknownCodeResolver {
  @Mutation(() => UnknownCodeScanReceipt, {
    description:
      "记录一次未登记编码的扫码（扫码页调用，公开）：每个编码首次被扫时报警一次（疑似假冒标签） (record a scan of an unknown code; one alarm per code)",
  })
  recordUnknownCodeScan(
    @Arg("code", () => String, { description: "扫到的编码 (the code as scanned)" }) code: string,
    @Ctx() ctx: TraceContext,
  ): Promise<UnknownCodeScanReceipt> {
    return recordUnknownCodeScan(ctx.deps, scannedCode(code), ctx.clientAddress);
  }
}
