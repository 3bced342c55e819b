/**
 * Applying one page of a source's list at the province, in ONE transaction with the advance of
 * the state: the rows (units resolved by credit code, cylinders placed by barcode, trace
 * records inserted once), the quarantined rows, the ledger leaves of what changed, and the
 * cursor or, on a read's last page, the new watermark. A crash anywhere leaves the page
 * either wholly applied and the state past it, or neither; a re-read page changes nothing.
 *
 * The transaction first locks the state row and checks that this puller still holds the
 * lease (a fencing check): a puller whose lease ran out, or whose source an operator reset
 * meanwhile, rolls back and stops, so no page is ever applied twice by two pullers.
 */
import { maskIdentityNo, openPersonal, PROVINCE_CODE, sealPersonal } from "@cylinder/db";
import { appendLeaves, canonicalReturning, type LedgeredTableName } from "@cylinder/db/ledger";
import type { Sql, TransactionSql } from "postgres";
import { type CylinderList, isCylinderList, type TraceList } from "./lists";
import { type ExistingCylinder, placeCylinder } from "./placement";
import {
  type CylinderRow,
  type InspectionRow,
  type Parsed,
  parseCylinder,
  parseInspectionResult,
  parseTrace,
  type SourceElement,
  type TraceRow,
} from "./rows";

/** The lease was lost (ran out, or an operator reset the source): stop, apply nothing. */
export class LeaseLost extends Error {
  override readonly name = "LeaseLost";
}

export interface PageToApply {
  sourceId: number;
  prefectureCode: string;
  list: CylinderList | TraceList;
  owner: string;
  leaseSeconds: number;
  elements: unknown[];
  /** Set when more pages remain in this read. */
  cursor: string | null;
  /** The next read's lasttime, on the read's last page. */
  horizon: Date | null;
  dataKey: string;
  /** When the platform received this page (its clock): the receipt time of a record the
   * source sends without its own CreateTime, and of every row the page puts in quarantine. */
  receivedAt: Date;
}

export interface PageOutcome {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  /** The source was paused meanwhile: the puller stops after this page. */
  paused: boolean;
}

interface Quarantine {
  sourceRecordId: string | null;
  payload: unknown;
  reason: string;
}

type Tx = TransactionSql;

async function q<T>(tx: Tx, text: string, params: unknown[]): Promise<T[]> {
  return (await tx.unsafe(text, params as never[])) as unknown as T[];
}

/** Resolves credit codes to province units, creating the units the province does not know. */
async function resolveUnits(
  tx: Tx,
  prefectureCode: string,
  named: ReadonlyMap<string, string | null>,
  kind: "filling" | "inspection" = "filling",
): Promise<Map<string, { id: number; prefectureCode: string }>> {
  if (named.size === 0) return new Map();
  const payload = [...named].map(([code, name]) => ({ code, name }));
  // A unit first seen through the sync is created here, tagged with its source prefecture
  // (it has no account at the province: it logs in at its own platform). Until a record
  // names it, it carries a placeholder name, replaced by the first real one.
  await q(
    tx,
    `insert into registry.unit (kind, name, credit_code, prefecture_code, source_prefecture_code)
     select $3::registry.unit_kind, coalesce(r.name, '同步单位 ' || r.code), r.code, $2, $2
     from jsonb_to_recordset($1::jsonb) as r(code text, name text)
     order by r.code
     on conflict (credit_code) do update set name = excluded.name
       where unit.source_prefecture_code = $2 and unit.name like '同步单位 %'
         and excluded.name not like '同步单位 %'`,
    [JSON.stringify(payload), prefectureCode, kind],
  );
  const rows = await q<{ id: number; credit_code: string; prefecture_code: string }>(
    tx,
    `select id, credit_code, prefecture_code from registry.unit where credit_code = any($1::text[])`,
    [[...named.keys()]],
  );
  return new Map(rows.map((r) => [r.credit_code, { id: r.id, prefectureCode: r.prefecture_code }]));
}

// ------------------------------------------------------------------ cylinders

/** Province columns written from a source's archive, with their SQL types. */
const CYLINDER_COLUMNS: readonly (readonly [string, string])[] = [
  ["barcode", "text"],
  ["kind", "registry.cylinder_kind"],
  ["owner_unit_id", "int"],
  ["prefecture_code", "text"],
  ["state", "smallint"],
  ["medium", "text"],
  ["printno", "text"],
  ["inner_no", "text"],
  ["style", "text"],
  ["valve", "smallint"],
  ["product_date", "date"],
  ["discard_date", "date"],
  ["check_date", "date"],
  ["next_date", "date"],
  ["idle_weight", "numeric"],
  ["fill_weight", "numeric"],
  ["nominal_pressure", "numeric"],
  ["volume", "numeric"],
  ["thickness", "numeric"],
  ["water_pressure", "numeric"],
  ["check_period", "smallint"],
  ["life_period", "smallint"],
  ["factory", "text"],
  ["designer", "text"],
  ["supervise", "text"],
  ["check_unit", "text"],
  ["register_date", "timestamptz"],
  ["register_no", "text"],
  ["car_cylinder_type", "text"],
  ["car_no", "text"],
  ["car_type", "smallint"],
  ["car_vin", "text"],
  ["certificate_date", "date"],
  ["use_date", "date"],
  ["device_code", "text"],
  ["product_no", "text"],
  ["company", "text"],
  ["identity_no_enc", "text"],
  ["identity_no_masked", "text"],
  ["install", "text"],
  ["office", "text"],
  ["source_prefecture_code", "text"],
  ["source_id", "bigint"],
];
const RECORDSET = CYLINDER_COLUMNS.map(([n, t]) => `${n} ${t === "registry.cylinder_kind" ? "text" : t}`).join(", ");
const NAMES = CYLINDER_COLUMNS.map(([n]) => n);
const SELECT_LIST = CYLINDER_COLUMNS.map(([n, t]) => (t === "registry.cylinder_kind" ? `r.${n}::${t}` : `r.${n}`));
/** identity_no_enc is sealed with a fresh IV each time: compared in clear beforehand. */
const COMPARED = NAMES.filter((n) => n !== "identity_no_enc");
const INSERT_CYLINDERS = `
  insert into registry.cylinder (${NAMES.join(", ")})
  select ${SELECT_LIST.join(", ")} from jsonb_to_recordset($1::jsonb) as r(${RECORDSET})
  returning id`;
const UPDATE_CYLINDERS = `
  update registry.cylinder c set ${NAMES.map((n, i) => `${n} = ${SELECT_LIST[i]}`).join(", ")}
  from jsonb_to_recordset($1::jsonb) as r(id int, ${RECORDSET})
  where c.id = r.id
    and ((${COMPARED.map((n) => `c.${n}`).join(", ")}) is distinct from
         (${COMPARED.map((n) => SELECT_LIST[NAMES.indexOf(n)]).join(", ")})
         or (c.identity_no_enc is null) <> (r.identity_no_enc is null))
  returning c.id`;

async function applyCylinders(
  tx: Tx,
  page: PageToApply,
  rows: CylinderRow[],
  quarantine: Quarantine[],
  payloads: Map<CylinderRow, unknown>,
): Promise<Pick<PageOutcome, "inserted" | "updated" | "unchanged">> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  // the newest version of a source row wins within a page
  const bySourceId = new Map<number, CylinderRow>();
  for (const r of rows) {
    bySourceId.delete(r.source_id);
    bySourceId.set(r.source_id, r);
  }
  const latest = [...bySourceId.values()];
  const existing = await q<ExistingCylinder & { identityNoEnc: string | null }>(
    tx,
    `select id, barcode, source_prefecture_code as "sourcePrefectureCode", source_id as "sourceId",
            identity_no_enc as "identityNoEnc"
     from registry.cylinder
     where barcode = any($1::text[]) or (source_prefecture_code = $2 and source_id = any($3::bigint[]))
     for update`,
    [latest.map((r) => r.barcode), page.prefectureCode, latest.map((r) => r.source_id)],
  );
  const byBarcode = new Map(existing.map((e) => [e.barcode, e]));
  const bySource = new Map(
    existing.filter((e) => e.sourcePrefectureCode === page.prefectureCode).map((e) => [Number(e.sourceId), e]),
  );
  const owners = await resolveUnits(
    tx,
    page.prefectureCode,
    new Map(latest.filter((r) => r.owner_code).map((r) => [r.owner_code!, null])),
  );
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const barcodesThisPage = new Map<string, number>();
  for (const r of latest) {
    const other = barcodesThisPage.get(r.barcode);
    if (other !== undefined && other !== r.source_id) {
      quarantine.push({
        sourceRecordId: String(r.source_id),
        payload: payloads.get(r),
        reason: `气瓶编号 ${r.barcode} 在同一页中属于两条来源记录（Id ${other} 与 ${r.source_id}）`,
      });
      continue;
    }
    barcodesThisPage.set(r.barcode, r.source_id);
    const place = placeCylinder(
      { barcode: r.barcode, sourceId: r.source_id },
      page.prefectureCode,
      bySource.get(r.source_id),
      byBarcode.get(r.barcode),
    );
    if (place.action === "conflict") {
      quarantine.push({ sourceRecordId: String(r.source_id), payload: payloads.get(r), reason: place.reason });
      continue;
    }
    const { owner_code, identity_no, ...columns } = r;
    let identityNoEnc: string | null = null;
    if (identity_no !== null) {
      const held = place.action === "update" ? existing.find((e) => e.id === place.id)?.identityNoEnc : null;
      identityNoEnc =
        held && safeOpen(held, page.dataKey) === identity_no ? held : sealPersonal(identity_no, page.dataKey);
    }
    const values = {
      ...columns,
      owner_unit_id: owner_code ? (owners.get(owner_code)?.id ?? null) : null,
      identity_no_enc: identityNoEnc,
      identity_no_masked: identity_no === null ? null : maskIdentityNo(identity_no),
      source_prefecture_code: page.prefectureCode,
    };
    if (place.action === "insert") inserts.push(values);
    else updates.push({ id: place.id, ...values });
  }
  const changed: number[] = [];
  if (inserts.length > 0) {
    const ids = await q<{ id: number }>(tx, INSERT_CYLINDERS, [JSON.stringify(inserts)]);
    changed.push(...ids.map((r) => Number(r.id)));
  }
  let updated = 0;
  if (updates.length > 0) {
    const ids = await q<{ id: number }>(tx, UPDATE_CYLINDERS, [JSON.stringify(updates)]);
    updated = ids.length;
    changed.push(...ids.map((r) => Number(r.id)));
  }
  // each new archive, and each new state of one, is a ledger version (防篡改)
  if (changed.length > 0)
    await appendLeaves(
      tx,
      changed.map((id) => ({ table: "registry.cylinder", id })),
    );
  return { inserted: inserts.length, updated, unchanged: updates.length - updated };
}

function safeOpen(sealed: string, dataKey: string): string | null {
  try {
    return openPersonal(sealed, dataKey);
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ trace records

/**
 * An evidence table the sync inserts into: checks, fills and inspection results share the
 * columns of provenance (the unit that made the record, ThridId/ThirdId, barcode, prefecture,
 * receipt, source) and add their own (with their SQL types).
 */
interface EvidenceSpec {
  table: LedgeredTableName;
  /** The column naming the unit that made the record, and that unit's kind. */
  unitColumn: "unit_id" | "station_unit_id";
  unitKind: "filling" | "inspection";
  columns: readonly (readonly [string, string])[];
}

const CHECK_COLUMNS = [
  ["state", "smallint"],
  ["remark", "text"],
  ["checked_at", "timestamptz"],
  ["checked_at_source", "trace.time_source"],
  ["inspector_name", "text"],
] as const;

const EVIDENCE: Record<TraceList, EvidenceSpec> = {
  before_fill_check: {
    table: "trace.before_fill_check",
    unitColumn: "unit_id",
    unitKind: "filling",
    columns: CHECK_COLUMNS,
  },
  after_fill_check: {
    table: "trace.after_fill_check",
    unitColumn: "unit_id",
    unitKind: "filling",
    columns: CHECK_COLUMNS,
  },
  fill_record: {
    table: "trace.fill_record",
    unitColumn: "unit_id",
    unitKind: "filling",
    columns: [
      ["idle_weight", "numeric"],
      ["gross_weight", "numeric"],
      ["net_weight", "numeric"],
      ["begin_at", "timestamptz"],
      ["end_at", "timestamptz"],
      ["machine", "int"],
      ["scale_factory", "text"],
      ["filler_name", "text"],
    ],
  },
  inspection_result: {
    table: "trace.inspection_result",
    unitColumn: "station_unit_id",
    unitKind: "inspection",
    columns: [
      ["conclusion", "smallint"],
      ["report_date", "date"],
      ["report_no", "text"],
      ["valve_replaced", "boolean"],
      ["valve_maker", "text"],
      ["next_date", "date"],
      ["remark", "text"],
    ],
  },
};

/** Enum columns travel as text in the recordset and are cast on the way in. */
const recordsetType = (t: string) => (t.includes(".") ? "text" : t);
const selected = ([n, t]: readonly [string, string]) => (t.includes(".") ? `r.${n}::${t}` : `r.${n}`);

function evidenceInsert(spec: EvidenceSpec): string {
  const own = spec.columns.map(([n]) => n);
  return `
    insert into ${spec.table} (${spec.unitColumn}, third_id, barcode, prefecture_code, received_at,
      source_prefecture_code, source_id, ${own.join(", ")})
    select r.unit, r.third_id, r.barcode, r.prefecture_code, coalesce(r.received_at, $3::timestamptz),
      $2, r.source_id, ${spec.columns.map(selected).join(", ")}
    from jsonb_to_recordset($1::jsonb) as r(unit int, third_id bigint, barcode text, prefecture_code text,
      received_at timestamptz, source_id bigint, ${spec.columns.map(([n, t]) => `${n} ${recordsetType(t)}`).join(", ")})
    order by r.source_id
    on conflict do nothing
    returning ${canonicalReturning(spec.table)}`;
}

/**
 * Trace records and inspection results are immutable evidence: inserted once (by source Id,
 * or by unit + ThridId/ThirdId when the unit also uploaded it to the province directly),
 * never updated, each with its ledger leaf. A record belongs to the prefecture of the unit
 * that made it (the source's, for a province-level unit). Inspection results do not touch
 * the province's archive: its dates arrive with GenericBottle/List, from the platform that
 * applied the result to its own archive (no outbox message here).
 */
async function applyEvidence(
  tx: Tx,
  page: PageToApply & { list: TraceList },
  rows: readonly (TraceRow | InspectionRow)[],
): Promise<Pick<PageOutcome, "inserted" | "updated" | "unchanged">> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const spec = EVIDENCE[page.list];
  const unitOf = (r: TraceRow | InspectionRow) =>
    "unit_code" in r ? { code: r.unit_code, name: r.unit_name } : { code: r.station_code, name: r.station_name };
  const names = new Map<string, string | null>();
  for (const r of rows) {
    const u = unitOf(r);
    if (!names.get(u.code)) names.set(u.code, u.name);
  }
  const units = await resolveUnits(tx, page.prefectureCode, names, spec.unitKind);
  // extra properties (the unit's code and name) are ignored by jsonb_to_recordset
  const values = rows.map((r) => {
    const unit = units.get(unitOf(r).code)!;
    return {
      ...r,
      unit: unit.id,
      prefecture_code: unit.prefectureCode === PROVINCE_CODE ? page.prefectureCode : unit.prefectureCode,
    };
  });
  const inserted = await q<Record<string, string | null>>(tx, evidenceInsert(spec), [
    JSON.stringify(values),
    page.prefectureCode,
    page.receivedAt.toISOString(),
  ]);
  if (inserted.length > 0) {
    await appendLeaves(
      tx,
      inserted.map((row) => ({ table: spec.table, id: Number(row.id), row: row as never })),
    );
  }
  return { inserted: inserted.length, updated: 0, unchanged: rows.length - inserted.length };
}

// ------------------------------------------------------------------ the page

function parseAll(page: PageToApply): {
  cylinders: CylinderRow[];
  traces: TraceRow[];
  results: InspectionRow[];
  quarantine: Quarantine[];
  payloads: Map<CylinderRow, unknown>;
} {
  const cylinders: CylinderRow[] = [];
  const traces: TraceRow[] = [];
  const results: InspectionRow[] = [];
  const quarantine: Quarantine[] = [];
  const payloads = new Map<CylinderRow, unknown>();
  for (const e of page.elements) {
    if (typeof e !== "object" || e === null || Array.isArray(e)) {
      quarantine.push({ sourceRecordId: null, payload: e, reason: "列表元素不是 JSON 对象" });
      continue;
    }
    const element = e as SourceElement;
    const parsed: Parsed<CylinderRow | TraceRow | InspectionRow> = isCylinderList(page.list)
      ? parseCylinder(page.list, element, page.prefectureCode)
      : page.list === "inspection_result"
        ? parseInspectionResult(element)
        : parseTrace(page.list, element);
    if (!parsed.ok) {
      quarantine.push({ sourceRecordId: parsed.sourceRecordId, payload: e, reason: parsed.reason });
    } else if (isCylinderList(page.list)) {
      cylinders.push(parsed.row as CylinderRow);
      payloads.set(parsed.row as CylinderRow, e);
    } else if (page.list === "inspection_result") {
      results.push(parsed.row as InspectionRow);
    } else {
      traces.push(parsed.row as TraceRow);
    }
  }
  return { cylinders, traces, results, quarantine, payloads };
}

export async function applyPage(sql: Sql, page: PageToApply): Promise<PageOutcome> {
  const { cylinders, traces, results, quarantine, payloads } = parseAll(page);
  return (await sql.begin(async (tx) => {
    const [state] = await q<{ lease_owner: string | null; paused: boolean }>(
      tx,
      `select s.lease_owner, src.paused from prefecture.sync_state s
       join prefecture.sync_source src on src.id = s.source_id
       where s.source_id = $1 and s.list = $2::prefecture.sync_list
       for update of s`,
      [page.sourceId, page.list],
    );
    if (!state || state.lease_owner !== page.owner) throw new LeaseLost("同步租约已失效（被接管或被运维重置）");
    const counts = isCylinderList(page.list)
      ? await applyCylinders(tx, page, cylinders, quarantine, payloads)
      : await applyEvidence(
          tx,
          page as PageToApply & { list: TraceList },
          page.list === "inspection_result" ? results : traces,
        );
    let quarantined = 0;
    if (quarantine.length > 0) {
      // a bad row read again (the same second is read twice) is not quarantined twice
      const stored = await q<{ id: number }>(
        tx,
        `insert into prefecture.sync_quarantine (source_id, list, source_record_id, payload, reason, received_at)
         select $1, $2::prefecture.sync_list, r.source_record_id, r.payload, r.reason, $4::timestamptz
         from jsonb_to_recordset($3::jsonb) as r(source_record_id text, payload jsonb, reason text)
         where not exists (
           select 1 from prefecture.sync_quarantine x
           where x.source_id = $1 and x.list = $2::prefecture.sync_list and x.resolved_at is null
             and x.source_record_id is not distinct from r.source_record_id and x.payload = r.payload)
         returning id`,
        [
          page.sourceId,
          page.list,
          JSON.stringify(
            quarantine.map((x) => ({
              source_record_id: x.sourceRecordId,
              payload: x.payload ?? null,
              reason: x.reason,
            })),
          ),
          // received with the page (the platform's clock), like the rows stored beside them
          page.receivedAt.toISOString(),
        ],
      );
      quarantined = stored.length;
    }
    const lastId = lastSourceId(page.elements);
    await q(
      tx,
      `update prefecture.sync_state set
         rows_pulled = rows_pulled + $3, quarantined_count = quarantined_count + $4,
         watermark_id = coalesce($5, watermark_id),
         lease_until = now() + make_interval(secs => $6),
         cursor = $7,
         watermark = coalesce($8, watermark),
         last_success_at = case when $7::text is null then now() else last_success_at end,
         consecutive_failures = case when $7::text is null then 0 else consecutive_failures end,
         read_started_at = case when $7::text is null then null else read_started_at end
       where source_id = $1 and list = $2::prefecture.sync_list`,
      [
        page.sourceId,
        page.list,
        page.elements.length,
        quarantined,
        lastId,
        page.leaseSeconds,
        page.cursor,
        page.cursor === null && page.horizon ? page.horizon.toISOString() : null,
      ],
    );
    return { received: page.elements.length, quarantined, paused: state.paused, ...counts };
  })) as PageOutcome;
}

function lastSourceId(elements: unknown[]): number | null {
  for (let i = elements.length - 1; i >= 0; i--) {
    const id = (elements[i] as { Id?: unknown } | null)?.Id;
    if (typeof id === "number" && Number.isSafeInteger(id)) return id;
  }
  return null;
}
