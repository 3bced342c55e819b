/**
 * Test fixtures for the ledger: records written the way the write paths will write them
 * (insert, then appendLeaves in the same transaction), with raw SQL.
 */
import type { Sql, TransactionSql } from "postgres";
import { newSm2KeyPair } from "../../src/crypto/sm";
import { appendLeaves } from "../../src/ledger/append";
import { type LedgerKeys, ledgerKeysOf } from "../../src/ledger/keys";

export function testKeys(): LedgerKeys {
  return ledgerKeysOf(
    newSm2KeyPair().privateKey,
    Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex"),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: postgres.js transaction types vary by connection options
type Tx = TransactionSql<any> | Sql<any>;

export async function seedUnits(sql: Tx): Promise<{ filling: number; station: number }> {
  const [f] = await sql<{ id: number }[]>`
    insert into registry.unit (kind, name, prefecture_code, licensed_media)
    values ('filling', '昆明燃气充装站', '530100', '{液化石油气}') returning id`;
  const [s] = await sql<{ id: number }[]>`
    insert into registry.unit (kind, name, prefecture_code)
    values ('inspection', '昆明气瓶检验站', '530100') returning id`;
  return { filling: f!.id, station: s!.id };
}

let thirdIds = 1000;

export async function fill(tx: Tx, unitId: number, barcode: string, net = "14.50"): Promise<number> {
  const [r] = await tx<{ id: number }[]>`
    insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight,
      begin_at, end_at, machine, filler_name, prefecture_code)
    values (${unitId}, ${thirdIds++}, ${barcode}, 15.20, ${Number(net) + 15.2}, ${net},
      '2021-07-01T08:00:00.123456+08:00', '2021-07-01T08:03:10+08:00', 3, '张三', '530100')
    returning id`;
  await appendLeaves(tx, [{ table: "trace.fill_record", id: r!.id }]);
  return r!.id;
}

export async function check(
  tx: Tx,
  table: "before_fill_check" | "after_fill_check",
  unitId: number,
  barcode: string,
  state = 0,
): Promise<number> {
  const [r] = await tx<{ id: number }[]>`
    insert into ${tx(`trace`)}.${tx(table)} (unit_id, third_id, barcode, state, checked_at, checked_at_source,
      inspector_name, prefecture_code)
    values (${unitId}, ${thirdIds++}, ${barcode}, ${state}, now(), 'received', '李四', '530100')
    returning id`;
  await appendLeaves(tx, [{ table: `trace.${table}`, id: r!.id }]);
  return r!.id;
}

export async function inspection(tx: Tx, stationUnitId: number, barcode: string): Promise<number> {
  const [r] = await tx<{ id: number }[]>`
    insert into trace.inspection_result (barcode, station_unit_id, third_id, conclusion, report_date,
      valve_replaced, valve_maker, next_date, prefecture_code)
    values (${barcode}, ${stationUnitId}, ${thirdIds++}, 0, '2021-07-02', true, '宁波阀门厂', '2025-07-02', '530100')
    returning id`;
  await appendLeaves(tx, [{ table: "trace.inspection_result", id: r!.id }]);
  return r!.id;
}

export async function cylinder(tx: Tx, ownerUnitId: number, barcode: string): Promise<number> {
  const [r] = await tx<{ id: number }[]>`
    insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, next_date, fill_weight,
      identity_no_masked)
    values (${barcode}, 'generic', ${ownerUnitId}, '530100', '液化石油气', '2027-04-01', 14.50, '5301**********1234')
    returning id`;
  await appendLeaves(tx, [{ table: "registry.cylinder", id: r!.id }]);
  return r!.id;
}

export async function registration(tx: Tx, unitId: number, barcodes: string[]): Promise<number> {
  const [r] = await tx<{ id: number }[]>`
    insert into registry.registration (unit_id, third_id, apply_kind, style, medium, product_date, discard_date,
      next_date)
    values (${unitId}, ${thirdIds++}, 'new', 'YSP-15', '液化石油气', '2021-01-05', '2029-01-05', '2025-01-05')
    returning id`;
  for (const b of barcodes) {
    await tx`insert into registry.registration_item (registration_id, barcode, printno) values (${r!.id}, ${b}, ${`P-${b}`})`;
  }
  await appendLeaves(tx, [{ table: "registry.registration", id: r!.id }]);
  return r!.id;
}
