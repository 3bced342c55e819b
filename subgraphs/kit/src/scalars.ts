/**
 * Scalars shared by the subgraphs: calendar dates (`Date`, YYYY-MM-DD, China calendar days)
 * and instants (`DateTime`, ISO 8601). The REST adapter maps them to the annex's
 * yyyyMMdd / yyyyMMddHHmmss through the one date codec.
 */
import { GraphQLScalarType, Kind } from "graphql";
import { DateTimeResolver } from "graphql-scalars";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A China calendar date as `YYYY-MM-DD` text, kept as text end to end (no time zone drift). */
export const CalendarDate = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "日期 (calendar date in China), YYYY-MM-DD",
  serialize: (v) => {
    if (typeof v === "string" && ISO_DATE.test(v)) return v;
    throw new TypeError(`Date cannot represent ${String(v)}`);
  },
  parseValue: (v) => {
    if (typeof v === "string" && ISO_DATE.test(v)) return v;
    throw new TypeError("日期格式应为 YYYY-MM-DD");
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING && ISO_DATE.test(ast.value)) return ast.value;
    throw new TypeError("日期格式应为 YYYY-MM-DD");
  },
});

export const DateTime = DateTimeResolver;
