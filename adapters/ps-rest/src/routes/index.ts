/** The route table of /PS/*: every row is one endpoint (see route.ts). */
import type { Route } from "../route";
import { login, logout } from "./account";
import { addBottle, beginApply, endApply, removeBottle } from "./inspection";
import { ledgerConsistencyProof, ledgerPublicKeys, ledgerRecordProof, ledgerTreeHead, ledgerTreeHeads } from "./ledger";
import { afterFillList, beforeFillList, carBottleList, checkResultList, fillList, genericBottleList } from "./lists";
import { applyNew, applyOld, getDetail, respond, unresponseList, uploadImage } from "./registry";
import { afterFill, beforeFill, businessCount, fill, fillPermit } from "./trace";

export const ROUTES: readonly Route[] = [
  login,
  logout,
  fillPermit,
  beforeFill,
  fill,
  afterFill,
  businessCount,
  uploadImage,
  applyNew,
  applyOld,
  unresponseList,
  getDetail,
  respond,
  beginApply,
  addBottle,
  removeBottle,
  endApply,
  genericBottleList,
  carBottleList,
  beforeFillList,
  fillList,
  afterFillList,
  checkResultList,
  ledgerTreeHead,
  ledgerTreeHeads,
  ledgerPublicKeys,
  ledgerRecordProof,
  ledgerConsistencyProof,
];

export { login, logout } from "./account";
export * from "./inspection";
export * from "./ledger";
export * from "./lists";
export * from "./registry";
export * from "./trace";
