/**
 * The lists the province pulls from a self-built prefecture platform: which /PS/* list
 * endpoint serves each, and where its rows land at the province.
 */
import type { SyncList } from "@cylinder/db/schema";

export type CylinderList = "generic_bottle" | "car_bottle";
export type TraceList = "before_fill_check" | "fill_record" | "after_fill_check" | "inspection_result";
/** The lists whose rows are trace records made at a filling unit (checks and fills). */
export type FillTraceList = Exclude<TraceList, "inspection_result">;

export interface ListSpec {
  readonly list: SyncList;
  /** The source's endpoint (annex 1 §2, §3, and the filled-gap trace lists). */
  readonly path: string;
  readonly label: string;
}

export const LIST_SPECS: Readonly<Record<CylinderList | TraceList, ListSpec>> = {
  generic_bottle: { list: "generic_bottle", path: "/PS/GenericBottle/List", label: "非车用气瓶档案" },
  car_bottle: { list: "car_bottle", path: "/PS/CarBottle/List", label: "车用气瓶档案" },
  before_fill_check: { list: "before_fill_check", path: "/PS/GenericTrace/BeforeFillList", label: "充装前检查" },
  fill_record: { list: "fill_record", path: "/PS/GenericTrace/FillList", label: "充装记录" },
  after_fill_check: { list: "after_fill_check", path: "/PS/GenericTrace/AfterFillList", label: "充装后检查" },
  inspection_result: { list: "inspection_result", path: "/PS/CheckResult/List", label: "检验结果" },
};

/** The lists pulled from every source, archives first (trace rows name their cylinders). */
export const PULLED_LISTS: readonly (CylinderList | TraceList)[] = [
  "generic_bottle",
  "car_bottle",
  "before_fill_check",
  "fill_record",
  "after_fill_check",
  "inspection_result",
];

export function isPulledList(list: string): list is CylinderList | TraceList {
  return (PULLED_LISTS as readonly string[]).includes(list);
}

export function isCylinderList(list: SyncList): list is CylinderList {
  return list === "generic_bottle" || list === "car_bottle";
}
