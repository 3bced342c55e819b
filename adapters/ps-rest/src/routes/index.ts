/** The route table of /PS/*: every row is one endpoint (see route.ts). */
import type { Route } from "../route";
import { login } from "./account";
import { afterFillList, beforeFillList, carBottleList, checkResultList, fillList, genericBottleList } from "./lists";

export const ROUTES: readonly Route[] = [
  login,
  genericBottleList,
  carBottleList,
  beforeFillList,
  fillList,
  afterFillList,
  checkResultList,
];
