/**
 * The codes of a car code range, for label sheets (issue 14): a page of the range's codes with
 * their check digits, formatted by the standard (annex 2), so a client never recomputes them.
 * Whoever may see the range (car-code.resolver.ts scopes the list) may list its codes.
 */
import { formatCarCode, PlatformError } from "@cylinder/db";
import { Arg, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { CarCodeRange } from "./car-code-range.type";

const MAX_CODES = 500;

@Resolver(() => CarCodeRange)
export class CarCodeLabelsResolver {
  @FieldResolver(() => [String], {
    description:
      "号段内的条码，含校验位 (the range's codes with their check digits), 自 offset 起至多 first 个（上限 500）",
  })
  codes(
    @Root() range: CarCodeRange,
    @Arg("offset", () => Int, { defaultValue: 0, description: "自第几个起，从 0 计 (offset)" }) offset: number,
    @Arg("first", () => Int, { defaultValue: 100, description: "至多个数 (at most)" }) first: number,
  ): string[] {
    if (!Number.isInteger(offset) || offset < 0) {
      throw new PlatformError("INVALID_FIELD", { field: "offset", reason: "须为非负整数" });
    }
    if (!Number.isInteger(first) || first < 1 || first > MAX_CODES) {
      throw new PlatformError("INVALID_FIELD", { field: "first", reason: `须为 1 到 ${MAX_CODES} 的整数` });
    }
    const codes: string[] = [];
    for (let s = range.firstSerial + offset; s <= range.lastSerial && codes.length < first; s++) {
      codes.push(formatCarCode(range.prefectureCode, s));
    }
    return codes;
  }
}
