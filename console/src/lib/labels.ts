/** Chinese labels for the API's enums (what the console shows; the API's own descriptions say the same). */
export const ALARM_TYPES: Record<string, string> = {
  PERMIT_REFUSED: "不允许充装",
  REFUSED_CYLINDER_FILLED: "违规充装",
  UNKNOWN_CYLINDER: "未登记气瓶",
  CHECK_FAILED: "检查不合格",
  OVERFILL: "超装",
  LATE_UPLOAD: "超 24 小时上传",
  LATE_INSPECTION: "检验结果逾期上传",
  RECONCILIATION_GAP: "对账差异",
  SYNC_FAILURE: "州市平台同步失败",
  CALENDAR_NOTICE_MISSING: "节假日安排未收录",
};

export const ROLES: Record<string, string> = {
  FILLING_UNIT: "充装单位",
  INSPECTION_STATION: "检验机构",
  PREFECTURE_REGULATOR: "州市监管部门",
  PROVINCE_REGULATOR: "省级监管部门",
  PLATFORM: "对接平台",
  OPERATOR: "平台运维",
};

export const UNIT_KINDS: Record<string, string> = {
  FILLING: "充装单位",
  INSPECTION: "检验机构",
  AUTHORITY: "登记机关",
  MANUFACTURER: "制造单位",
};

export const REGISTRATION_STATUS: Record<string, string> = {
  PENDING: "待审核",
  APPROVED: "已通过",
  REJECTED: "已驳回",
};
export const REGISTRATION_KINDS: Record<string, string> = { NEW: "新瓶申请", OLD: "旧瓶补录" };
export const SPOT_CHECK_STATUS: Record<string, string> = { OPEN: "待回复", RESPONDED: "已回复", CLOSED: "已结束" };
export const ORDER_STATUS: Record<string, string> = { OPEN: "送检中", SUBMITTED: "待检验", COMPLETED: "已完成" };
export const LATENESS: Record<string, string> = { ON_TIME: "按时", LATE: "逾期", UNDETERMINED: "待判定" };
export const CYLINDER_STATES: Record<number, string> = { 1: "正常", 2: "锁定", 3: "停用", 4: "报废" };
export const CYLINDER_KINDS: Record<string, string> = { GENERIC: "非车用", CAR: "车用" };
export const SYNC_LISTS: Record<string, string> = {
  GENERIC_BOTTLE: "非车用气瓶档案",
  CAR_BOTTLE: "车用气瓶档案",
  BEFORE_FILL_CHECK: "充装前检查",
  FILL_RECORD: "充装记录",
  AFTER_FILL_CHECK: "充装后检查",
  INSPECTION_RESULT: "检验结果",
};
export const RECONCILIATION_TYPES: Record<number, string> = { 1: "充前检查", 2: "充装记录", 3: "充后检查" };

export const label = (map: Record<string | number, string>, key: string | number | null | undefined): string =>
  key === null || key === undefined ? "—" : (map[key] ?? String(key));

export const PERMIT_REASONS: Record<string, string> = {
  NOT_REGISTERED: "未登记",
  NOT_OWN_PROPERTY: "非自有产权",
  SCRAPPED: "已报废",
  LOCKED: "已锁定",
  SUSPENDED: "已停用",
  STATE_UNKNOWN: "状态异常",
  INSPECTION_OVERDUE: "超期未检",
  INSPECTION_DATE_MISSING: "无下检日期",
  PAST_DISCARD_DATE: "超过报废日期",
  PAST_DESIGN_LIFE: "超过设计年限",
  MEDIUM_NOT_LICENSED: "介质不在许可范围",
  BEFORE_FILL_CHECK_FAILED: "充前检查不合格",
  UNIT_UNKNOWN: "单位未登记",
  NOT_FILLING_UNIT: "非充装单位",
  LICENSE_MISSING: "无充装许可证",
  LICENSE_EXPIRED: "许可证过期",
};
