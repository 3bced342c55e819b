/**
 * Schema `registry`, owned by the registry subgraph: units and accounts, the cylinder archive
 * (一瓶一档, generic and car cylinders of annex 1 §2, §3), use registration (§7.1, §7.2) with
 * review, spot checks (§7.3), uploaded images, car-cylinder code ranges (annex 2) and
 * authority-approved cross-owner fill permissions.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  pgSchema,
  smallint,
  text,
  unique,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import {
  barcode,
  calendarDate,
  decimal102,
  emptyTextArray,
  instant,
  prefectureCheck,
  prefectureCode,
  syncOrigin,
  thirdId,
  timestamps,
} from "./columns";

export const registry = pgSchema("registry");

export const unitKind = registry.enum("unit_kind", ["filling", "inspection", "authority", "manufacturer"]);
export const authorityLevel = registry.enum("authority_level", ["province", "prefecture", "county"]);
export const accountRole = registry.enum("account_role", [
  "filling_unit",
  "inspection_station",
  "prefecture_regulator",
  "province_regulator",
  "platform",
  "operator",
]);
export const cylinderKind = registry.enum("cylinder_kind", ["generic", "car"]);
export const applyKind = registry.enum("apply_kind", ["new", "old"]);
export const reviewStatus = registry.enum("review_status", ["pending", "approved", "rejected"]);
export const spotCheckStatus = registry.enum("spot_check_status", ["open", "responded", "closed"]);

/** 单位: filling units, inspection stations, registration authorities, manufacturers. */
export const unit = registry.table(
  "unit",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    kind: unitKind().notNull(),
    name: text().notNull(),
    /** 统一社会信用代码 */
    creditCode: varchar({ length: 18 }),
    prefectureCode: prefectureCode().notNull(),
    countyCode: varchar({ length: 6 }),
    /** For authority units: the level of the market-regulation bureau. */
    authorityLevel: authorityLevel(),
    /** 充装许可证 / 检验机构核准证 number and expiry. */
    licenseNo: text(),
    licenseExpiresOn: calendarDate(),
    /** 许可充装介质 (canonical names, see standard/media.ts); filling units only. */
    licensedMedia: text().array().notNull().default(emptyTextArray),
    address: text(),
    contactName: text(),
    /** Contact phone, SM4-encrypted personal data (see crypto/personal.ts). */
    contactPhoneEnc: text(),
    ...syncOrigin(),
    ...timestamps(),
  },
  (t) => [
    unique("unit_credit_code_key").on(t.creditCode),
    unique("unit_source_key").on(t.sourcePrefectureCode, t.sourceId),
    index("unit_prefecture_kind_idx").on(t.prefectureCode, t.kind),
    prefectureCheck("unit_prefecture_check", t.prefectureCode, true),
    check("unit_authority_level_check", sql`(${t.kind} = 'authority') = (${t.authorityLevel} is not null)`),
  ],
);

/** 接入账号: each unit's own account; a login yields an expiring ticket. */
export const account = registry.table(
  "account",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => unit.id),
    username: varchar({ length: 64 }).notNull(),
    role: accountRole().notNull(),
    /** Scope of a prefecture regulator or platform account; null for province-wide roles. */
    prefectureCode: prefectureCode(),
    /** Password hash (scrypt, self-describing string); the previous one stays valid until
     * `previousPasswordValidUntil` so a rotation does not cut a running station off. */
    passwordHash: text().notNull(),
    previousPasswordHash: text(),
    previousPasswordValidUntil: instant(),
    /** Per-account SM4 key for encrypted `data`, itself encrypted with the platform data key. */
    sm4KeyEnc: text().notNull(),
    previousSm4KeyEnc: text(),
    previousSm4KeyValidUntil: instant(),
    disabledAt: instant(),
    lastLoginAt: instant(),
    ...timestamps(),
  },
  (t) => [
    unique("account_username_key").on(t.username),
    index("account_unit_idx").on(t.unitId),
    prefectureCheck("account_prefecture_check", t.prefectureCode),
  ],
);

/** 令牌: issued tickets, stored by SM3 hash only (the ticket itself is never stored). */
export const ticket = registry.table(
  "ticket",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer()
      .notNull()
      .references(() => account.id),
    tokenHash: varchar({ length: 64 }).notNull(),
    issuedAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
    revokedAt: instant(),
  },
  (t) => [
    unique("ticket_token_hash_key").on(t.tokenHash),
    index("ticket_account_idx").on(t.accountId),
    /** The gateway's revocation list: revoked tickets, newest first. */
    index("ticket_revoked_idx").on(t.revokedAt).where(sql`${t.revokedAt} is not null`),
  ],
);

/** 使用登记申请 (ApplyNew / ApplyOld) with its review. */
export const registration = registry.table(
  "registration",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => unit.id),
    thirdId: thirdId().notNull(),
    applyKind: applyKind().notNull(),
    // Overview
    style: text().notNull(),
    medium: text().notNull(),
    /** Overview.Factory: 厂家 ID (a manufacturer unit). */
    factoryUnitId: integer().references(() => unit.id),
    /** Overview.CreateDate: 生产日期 */
    productDate: calendarDate().notNull(),
    discardDate: calendarDate().notNull(),
    checkDate: calendarDate(),
    nextDate: calendarDate().notNull(),
    idleWeight: decimal102(),
    remark: text(),
    valve: smallint(),
    /** Server-side image paths (see the image table). */
    payImage: text(),
    batchImage: text(),
    deviceImage: text(),
    status: reviewStatus().notNull().default("pending"),
    reviewerUnitId: integer().references(() => unit.id),
    reviewedAt: instant(),
    reviewComment: text(),
    ...timestamps(),
  },
  (t) => [
    unique("registration_unit_kind_third_id_key").on(t.unitId, t.applyKind, t.thirdId),
    index("registration_status_idx").on(t.status, t.createdAt),
  ],
);

/** 登记申请中的气瓶 (Items of ApplyNew / ApplyOld). */
export const registrationItem = registry.table(
  "registration_item",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    registrationId: integer()
      .notNull()
      .references(() => registration.id),
    barcode: barcode().notNull(),
    printno: text(),
    innerNo: text(),
  },
  (t) => [
    unique("registration_item_barcode_key").on(t.registrationId, t.barcode),
    index("registration_item_barcode_idx").on(t.barcode),
  ],
);

/**
 * 气瓶档案 (一瓶一档): generic cylinders (annex 1 §2) and car cylinders (§3) in one table,
 * keyed province-wide by barcode; the car-only columns are null for generic cylinders.
 */
export const cylinder = registry.table(
  "cylinder",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    barcode: barcode().notNull(),
    kind: cylinderKind().notNull(),
    /** 产权单位: the filling unit that registered it; null for car cylinders owned by
     * persons or companies outside the platform (see `company`). */
    ownerUnitId: integer().references(() => unit.id),
    prefectureCode: prefectureCode().notNull(),
    registrationId: integer().references(() => registration.id),
    /** CylinderState (standard/enums.ts). */
    state: smallint().notNull().default(1),
    medium: text().notNull(),
    /** 出厂编号 / 钢印号 (Printno) */
    printno: text(),
    innerNo: text(),
    style: text(),
    valve: smallint(),
    productDate: calendarDate(),
    discardDate: calendarDate(),
    checkDate: calendarDate(),
    nextDate: calendarDate(),
    idleWeight: decimal102(),
    /** 最大充装量 (kg): a fill's net weight above it is an overfill. */
    fillWeight: decimal102(),
    nominalPressure: decimal102(),
    /** 容积 L (the annex spells it Volumn). */
    volume: decimal102(),
    thickness: decimal102(),
    waterPressure: decimal102(),
    checkPeriod: smallint(),
    lifePeriod: smallint(),
    factory: text(),
    factoryUnitId: integer().references(() => unit.id),
    designer: text(),
    supervise: text(),
    /** 最近一次检验单位 (the annex's `Check`). */
    checkUnit: text(),
    registerDate: instant(),
    // car cylinders (annex 1 §3, annex 2)
    registerNo: text(),
    /** 气瓶品种 (无缝/焊接/特种 or a code such as 223T) */
    carCylinderType: text(),
    carNo: text(),
    carType: smallint(),
    carVin: text(),
    certificateDate: calendarDate(),
    useDate: calendarDate(),
    deviceCode: text(),
    productNo: text(),
    /** 使用单位 */
    company: text(),
    /** 统一社会信用代码/身份证号: SM4-encrypted, with a masked copy for display. */
    identityNoEnc: text(),
    identityNoMasked: text(),
    install: text(),
    office: text(),
    /** The inspection result last applied (trace.inspection_result id): with `checkDate` it
     * orders results, so a re-delivered or older result never overwrites a newer one. */
    lastInspectionResultId: bigint({ mode: "number" }),
    ...syncOrigin(),
    ...timestamps(),
  },
  (t) => [
    unique("cylinder_barcode_key").on(t.barcode),
    unique("cylinder_source_key").on(t.sourcePrefectureCode, t.sourceId),
    index("cylinder_owner_idx").on(t.ownerUnitId),
    index("cylinder_prefecture_state_idx").on(t.prefectureCode, t.state),
    index("cylinder_next_date_idx").on(t.nextDate),
    index("cylinder_kind_updated_idx").on(t.kind, t.updatedAt, t.id),
    prefectureCheck("cylinder_prefecture_check", t.prefectureCode),
    check("cylinder_state_check", sql`${t.state} between 1 and 4`),
    check("cylinder_valve_check", sql`${t.valve} is null or ${t.valve} between 1 and 3`),
    check("cylinder_car_check", sql`${t.kind} = 'car' or ${t.carNo} is null`),
  ],
);

export const stateChangeSource = registry.enum("state_change_source", ["regulator", "inspection"]);

/**
 * 气瓶状态变更记录: every change of a cylinder's state (a regulator's lock, suspension, scrap
 * or restoration with its reason; a scrap by a failed periodic inspection). Append-only; each
 * row becomes a ledger leaf in the transaction that writes it.
 */
export const cylinderStateChange = registry.table(
  "cylinder_state_change",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    cylinderId: integer()
      .notNull()
      .references(() => cylinder.id),
    barcode: barcode().notNull(),
    fromState: smallint().notNull(),
    toState: smallint().notNull(),
    reason: text().notNull(),
    source: stateChangeSource().notNull(),
    /** The regulator's unit and account; null for an inspection result applied by the system. */
    actorUnitId: integer().references(() => unit.id),
    actorAccountId: integer().references(() => account.id),
    /** For an inspection scrap: the trace.inspection_result id. */
    inspectionResultId: bigint({ mode: "number" }),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    index("cylinder_state_change_cylinder_idx").on(t.cylinderId, t.createdAt),
    check("cylinder_state_change_state_check", sql`${t.fromState} between 1 and 4 and ${t.toState} between 1 and 4`),
  ],
);

/** 抽查 (§7.3): a regulator asks a filling unit to photograph some of its cylinders. */
export const spotCheck = registry.table(
  "spot_check",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => unit.id),
    authorityUnitId: integer()
      .notNull()
      .references(() => unit.id),
    style: text(),
    checkCount: integer().notNull(),
    checkDate: instant().notNull(),
    checkComment: text(),
    /** ApplyDate: 申请时间, when the check was issued to the unit. */
    applyDate: instant().notNull(),
    status: spotCheckStatus().notNull().default("open"),
    respondedAt: instant(),
    ...timestamps(),
  },
  (t) => [index("spot_check_unit_status_idx").on(t.unitId, t.status)],
);

/** 抽查的气瓶 and the photo the unit answered with. */
export const spotCheckItem = registry.table(
  "spot_check_item",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    spotCheckId: integer()
      .notNull()
      .references(() => spotCheck.id),
    barcode: barcode().notNull(),
    printno: text(),
    image: text(),
    respondedAt: instant(),
  },
  (t) => [unique("spot_check_item_barcode_key").on(t.spotCheckId, t.barcode)],
);

/** 上传的照片: registration and spot-check answers refer to these server paths. */
export const image = registry.table(
  "image",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => unit.id),
    path: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    /** SM3 of the bytes, hex. */
    sm3: varchar({ length: 64 }).notNull(),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [unique("image_path_key").on(t.path), index("image_unit_idx").on(t.unitId)],
);

/** 车用气瓶条码号段 (annex 2): serials the province allocates to a car filling station. */
export const carCodeRange = registry.table(
  "car_code_range",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    unitId: integer()
      .notNull()
      .references(() => unit.id),
    prefectureCode: prefectureCode().notNull(),
    firstSerial: bigint({ mode: "number" }).notNull(),
    lastSerial: bigint({ mode: "number" }).notNull(),
    allocatedByUnitId: integer().references(() => unit.id),
    allocatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    unique("car_code_range_first_key").on(t.prefectureCode, t.firstSerial),
    index("car_code_range_unit_idx").on(t.unitId),
    check("car_code_range_order_check", sql`${t.firstSerial} <= ${t.lastSerial} and ${t.firstSerial} >= 0`),
  ],
);

/**
 * 使用登记机关同意充装: an authority lets a filling unit fill cylinders it does not own,
 * either all of one owner's cylinders or one cylinder by barcode, for a period.
 */
export const fillPermission = registry.table(
  "fill_permission",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    fillingUnitId: integer()
      .notNull()
      .references(() => unit.id),
    ownerUnitId: integer().references(() => unit.id),
    barcode: barcode(),
    grantedByUnitId: integer()
      .notNull()
      .references(() => unit.id),
    validFrom: calendarDate().notNull(),
    validTo: calendarDate(),
    reason: text(),
    revokedAt: instant(),
    ...timestamps(),
  },
  (t) => [
    index("fill_permission_unit_idx").on(t.fillingUnitId),
    uniqueIndex("fill_permission_active_key")
      .on(t.fillingUnitId, t.ownerUnitId, t.barcode)
      .where(sql`${t.revokedAt} is null`),
    check("fill_permission_subject_check", sql`${t.ownerUnitId} is not null or ${t.barcode} is not null`),
  ],
);

/**
 * The versioned read contract for the fill-permit hot path: the only registry data read
 * directly from outside the registry subgraph (by the trace subgraph, see DESIGN.md). The
 * views are created by hand-written SQL in db/migrations (drizzle only types them here).
 * Change a view only by adding a `_v2` beside it.
 */
export const cylinderPermitV1 = registry
  .view("cylinder_permit_v1", {
    barcode: barcode().notNull(),
    kind: cylinderKind().notNull(),
    state: smallint().notNull(),
    ownerUnitId: integer(),
    prefectureCode: prefectureCode().notNull(),
    medium: text().notNull(),
    productDate: calendarDate(),
    nextDate: calendarDate(),
    discardDate: calendarDate(),
    lifePeriod: smallint(),
    fillWeight: decimal102(),
  })
  .existing();

/** Permit read contract v1, part 2: what a requesting unit is (kind, prefecture, licensed media). */
export const unitPermitV1 = registry
  .view("unit_permit_v1", {
    id: integer().notNull(),
    kind: unitKind().notNull(),
    prefectureCode: prefectureCode().notNull(),
    licensedMedia: text().array().notNull(),
    licenseExpiresOn: calendarDate(),
  })
  .existing();

/** Permit read contract v1, part 3: authority-approved permissions that are not revoked. */
export const fillPermissionV1 = registry
  .view("fill_permission_v1", {
    fillingUnitId: integer().notNull(),
    ownerUnitId: integer(),
    barcode: barcode(),
    validFrom: calendarDate().notNull(),
    validTo: calendarDate(),
  })
  .existing();
