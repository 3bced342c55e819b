/**
 * The console's screens under /console/. Each screen is its own chunk, loaded when first
 * opened, so the first load is the login screen and the shell only. Screens name the roles
 * that see them; the API scopes the data anyway (a prefecture regulator gets its prefecture).
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { type Role, restoreSession, session } from "./api/session";

const REGULATORS: Role[] = ["PROVINCE_REGULATOR", "PREFECTURE_REGULATOR", "OPERATOR"];
const EVERYONE: Role[] = [...REGULATORS, "FILLING_UNIT", "INSPECTION_STATION", "PLATFORM"];

export interface MenuMeta {
  title: string;
  roles: Role[];
  group?: string;
}

export const screens: (RouteRecordRaw & { meta: MenuMeta; menu?: boolean })[] = [
  {
    path: "alarms",
    name: "alarms",
    component: () => import("./views/AlarmsView.vue"),
    meta: { title: "实时报警", roles: EVERYONE },
  },
  {
    path: "cylinders",
    name: "cylinders",
    component: () => import("./views/CylindersView.vue"),
    meta: { title: "气瓶档案", roles: EVERYONE },
  },
  {
    path: "cylinders/:barcode",
    name: "cylinder",
    component: () => import("./views/CylinderLifeView.vue"),
    meta: { title: "气瓶全生命周期", roles: EVERYONE },
    menu: false,
  },
  {
    path: "charts",
    name: "charts",
    component: () => import("./views/ChartsView.vue"),
    meta: { title: "统计图表", roles: EVERYONE },
  },
  {
    path: "work/registrations",
    name: "registrations",
    component: () => import("./views/work/RegistrationsView.vue"),
    meta: { title: "使用登记审核", roles: [...REGULATORS, "FILLING_UNIT"], group: "监管工作台" },
  },
  {
    path: "work/spot-checks",
    name: "spot-checks",
    component: () => import("./views/work/SpotChecksView.vue"),
    meta: { title: "抽查", roles: [...REGULATORS, "FILLING_UNIT"], group: "监管工作台" },
  },
  {
    path: "work/car-codes",
    name: "car-codes",
    component: () => import("./views/work/CarCodesView.vue"),
    meta: { title: "车用气瓶号段", roles: [...REGULATORS, "FILLING_UNIT"], group: "监管工作台" },
  },
  {
    path: "work/car-codes/:id/labels",
    name: "labels",
    component: () => import("./views/work/LabelSheetView.vue"),
    meta: { title: "标签打印", roles: [...REGULATORS, "FILLING_UNIT"], group: "监管工作台" },
    menu: false,
  },
  {
    path: "work/permissions",
    name: "permissions",
    component: () => import("./views/work/PermissionsView.vue"),
    meta: { title: "同意充装", roles: [...REGULATORS, "FILLING_UNIT"], group: "监管工作台" },
  },
  {
    path: "work/units",
    name: "units",
    component: () => import("./views/work/UnitsView.vue"),
    meta: { title: "单位与账号", roles: REGULATORS, group: "监管工作台" },
  },
  {
    path: "work/reconciliation",
    name: "reconciliation",
    component: () => import("./views/work/ReconciliationView.vue"),
    meta: { title: "对账差异", roles: [...REGULATORS, "FILLING_UNIT"], group: "监管工作台" },
  },
  {
    path: "work/inspections",
    name: "inspections",
    component: () => import("./views/work/InspectionsView.vue"),
    meta: { title: "定期检验", roles: EVERYONE, group: "监管工作台" },
  },
  {
    path: "work/sync",
    name: "sync",
    component: () => import("./views/work/SyncView.vue"),
    meta: {
      title: "州市平台同步",
      roles: ["PROVINCE_REGULATOR", "PREFECTURE_REGULATOR", "OPERATOR", "PLATFORM"],
      group: "监管工作台",
    },
  },
];

const routes: RouteRecordRaw[] = [
  { path: "/login", name: "login", component: () => import("./views/LoginView.vue"), meta: { title: "登录" } },
  {
    path: "/",
    component: () => import("./views/ShellLayout.vue"),
    children: [{ path: "", redirect: { name: "alarms" } }, ...screens],
  },
  { path: "/:rest(.*)*", redirect: "/" },
];

export const router = createRouter({ history: createWebHistory("/console/"), routes });

let restored = false;
router.beforeEach((to) => {
  if (!restored) {
    restored = true;
    restoreSession();
  }
  if (to.name === "login") return session.ticket ? { name: "alarms" } : true;
  if (!session.ticket) return { name: "login", query: to.fullPath === "/" ? {} : { next: to.fullPath } };
  const roles = (to.meta as Partial<MenuMeta>).roles;
  if (roles && session.account && !roles.includes(session.account.role)) return { name: "alarms" };
  // the live alarm socket (its own chunk: the login screen does not need it)
  void import("./api/live").then((m) => m.startLive()).catch(() => {});
  return true;
});

router.afterEach((to) => {
  const title = (to.meta as Partial<MenuMeta>).title;
  document.title = title ? `${title} · 气瓶质量安全追溯平台` : "气瓶质量安全追溯平台";
});
