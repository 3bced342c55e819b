/** 检验结果上传时效 (InspectionLateness) as a GraphQL enum. */
import { registerEnumType } from "type-graphql";
import type { Lateness } from "./lateness";

export const LatenessValues = {
  ON_TIME: "on_time",
  LATE: "late",
  UNDETERMINED: "undetermined",
} as const satisfies Record<string, Lateness>;

registerEnumType(LatenessValues, {
  name: "InspectionLateness",
  description: "检验结果是否在报告后 5 个工作日内上传 (whether an inspection result arrived within 5 working days)",
  valuesConfig: {
    ON_TIME: { description: "按时 (on time)" },
    LATE: { description: "超过 5 个工作日 (late)" },
    UNDETERMINED: {
      description:
        "无法判定：该年度法定节假日安排尚未收录 (undetermined: the holiday calendar does not know the year yet)",
    },
  },
});
