/** The route table of /PS/*: every row is one endpoint (see route.ts). */
import type { Route } from "../route";
import { login } from "./account";
import { afterFillList, beforeFillList, carBottleList, checkResultList, fillList, genericBottleList } from "./lists";
import { afterFill, beforeFill, businessCount, fill, fillPermit } from "./trace";

export const ROUTES: readonly Route[] = [
  login,
  fillPermit,
  beforeFill,
  fill,
  afterFill,
  businessCount,
  genericBottleList,
  carBottleList,
  beforeFillList,
  fillList,
  afterFillList,
  checkResultList,
];

export { login } from "./account";
export * from "./lists";
export * from "./trace";
