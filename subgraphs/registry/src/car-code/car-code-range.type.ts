/** 车用气瓶条码号段 (CarCodeRange): serials the province allocated to a car filling station. */
import { formatCarCode } from "@cylinder/db";
import type { carCodeRange } from "@cylinder/db/schema";
import { DateTime } from "@cylinder/subgraph-kit";
import { Field, Int, ObjectType } from "type-graphql";

export type CarCodeRangeRow = typeof carCodeRange.$inferSelect;

@ObjectType("CarCodeRange", {
  description: "车用气瓶条码号段 (a range of car-cylinder codes, annex 2); 编码规则见 db/src/standard/car-code.ts",
})
export class CarCodeRange {
  @Field(() => Int)
  id!: number;

  @Field(() => Int, { description: "加气站单位 ID (the car filling station)" })
  unitId!: number;

  @Field(() => String, { description: "州市代码 (prefecture code)" })
  prefectureCode!: string;

  @Field(() => Int, { description: "起始序号 (first serial)" })
  firstSerial!: number;

  @Field(() => Int, { description: "结束序号，含 (last serial, inclusive)" })
  lastSerial!: number;

  @Field(() => Int, { description: "条码数 (number of codes)" })
  count!: number;

  @Field(() => String, { description: "第一个条码 (first code, with its check digit)" })
  firstCode!: string;

  @Field(() => String, { description: "最后一个条码 (last code)" })
  lastCode!: string;

  @Field(() => Int, { nullable: true, description: "分配单位 ID (allocating authority)" })
  allocatedByUnitId!: number | null;

  @Field(() => DateTime, { description: "分配时间 (allocated at)" })
  allocatedAt!: Date;
}

export function toCarCodeRange(r: CarCodeRangeRow): CarCodeRange {
  return {
    id: r.id,
    unitId: r.unitId,
    prefectureCode: r.prefectureCode,
    firstSerial: r.firstSerial,
    lastSerial: r.lastSerial,
    count: r.lastSerial - r.firstSerial + 1,
    firstCode: formatCarCode(r.prefectureCode, r.firstSerial),
    lastCode: formatCarCode(r.prefectureCode, r.lastSerial),
    allocatedByUnitId: r.allocatedByUnitId,
    allocatedAt: r.allocatedAt,
  };
}
