/**
 * The tamper-evident ledger through the real platform (issue 6): records uploaded through the
 * gateway each become exactly one leaf in their own transaction (a retry adds none, a
 * rolled-back batch leaves none); registry state changes add cylinder versions; checkpoints
 * on demand and on schedule; proofs fetched over HTTP verify with only the published public
 * key (db/src/ledger/verifier.ts) and forged ones are refused; typed errors and scope; and an
 * attacker editing, deleting, inserting or reordering such rows in PostgreSQL is named by verify.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  appendLeaves,
  auditLedger,
  type Finding,
  LEDGERED_TABLES,
  ledgerKeys,
  verifyLedger,
} from "@cylinder/db/ledger";
import {
  type InclusionProof,
  type SignedTreeHead,
  verifyHeadConsistency,
  verifyRecordInclusion,
} from "@cylinder/db/ledger/verifier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLY, application, upload as uploadImage } from "./registry/helpers";
import { startTestPlatform, type TestPlatform } from "./support/platform";
import {
  fails,
  insertCylinders,
  loginAll,
  lpgCylinder,
  minutesAgo,
  ok,
  RECORD_FILLS,
  type RoleName,
  type Upload,
} from "./support/trace";

let t: TestPlatform;
let tickets: Record<RoleName, string>;
let dataDir: string;

const HEAD = "treeSize rootHash timestampMs issuedAt keyId signature";
const PROOF = `table id version canonical leafHash head { ${HEAD} } proof { leafIndex treeSize path }`;
const FILL_PROOF = `query($id: Int!, $size: Int) { fillRecordProof(id: $id, treeSize: $size) { ${PROOF} } }`;
const CHECKPOINT = `mutation { checkpointLedger { sequenced head { ${HEAD} } } }`;
const KEYS = "query { ledgerPublicKeys { keyId publicKey current algorithm } }";

interface GqlHead {
  treeSize: number;
  rootHash: string;
  timestampMs: number;
  keyId: string;
  signature: string;
}
interface GqlProof {
  table: string;
  id: number;
  version: number;
  canonical: string;
  leafHash: string;
  head: GqlHead;
  proof: InclusionProof;
}
const asHead = (h: GqlHead): SignedTreeHead => ({
  treeSize: h.treeSize,
  rootHash: h.rootHash,
  timestamp: h.timestampMs,
  keyId: h.keyId,
  signature: h.signature,
});

const fill = (barcode: string, thirdId: string) => ({
  barcode,
  idleWeight: 16.33,
  grossWeight: 29.76,
  netWeight: 13.43,
  beginAt: minutesAgo(t.clock, 12),
  endAt: minutesAgo(t.clock, 10),
  machine: 1,
  thirdId,
});

async function leavesOf(table: string, ids: number[]): Promise<number> {
  const [schema, name] = table.split(".");
  const [r] = await t.database.sql<{ n: number }[]>`
    select count(*)::int as n from ledger.leaf
    where record_schema = ${schema!} and record_table = ${name!} and record_id = any(${ids}::bigint[])`;
  return r!.n;
}
const leafCount = async () => (await t.database.sql<{ n: number }[]>`select count(*)::int as n from ledger.leaf`)[0]!.n;

/** The world's seed rows were inserted directly (as a bulk load would): give them their leaves. */
async function ledgerSeedRows(): Promise<void> {
  for (const spec of LEDGERED_TABLES) {
    const rows = await t.database.sql.unsafe<{ id: number }[]>(
      `select r.id::int8 as id from "${spec.schema}"."${spec.table}" r where not exists (
         select 1 from ledger.leaf l where l.record_schema = $1 and l.record_table = $2 and l.record_id = r.id)`,
      [spec.schema, spec.table],
    );
    if (rows.length > 0) {
      await t.database.sql.begin((tx) =>
        appendLeaves(
          tx,
          rows.map((r) => ({ table: spec.name, id: Number(r.id) })),
        ),
      );
    }
  }
}

async function upload(items: ReturnType<typeof fill>[], ticket = tickets.kmFilling): Promise<Upload> {
  return (await ok<{ recordFills: Upload }>(t, RECORD_FILLS, { input: { items } }, ticket)).recordFills;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cyl-ledger-"));
  t = await startTestPlatform({ LEDGER_CHECKPOINT_SECONDS: "3600", DATA_DIR: dataDir });
  tickets = await loginAll(t);
  const km = t.world.units.kmFilling;
  await insertCylinders(
    t,
    Array.from({ length: 8 }, (_, i) => lpgCylinder(t, `LG${String(i).padStart(4, "0")}`, km)),
  );
  await ledgerSeedRows();
  await ok(t, CHECKPOINT, {}, tickets.operator);
});
afterAll(async () => {
  await t?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("appending in the write transaction", () => {
  it("makes each fill uploaded through the gateway exactly one leaf; a retried batch adds none", async () => {
    const before = await leafCount();
    const first = await upload([fill("LG0000", "91001"), fill("LG0001", "91002"), fill("LG0002", "91003")]);
    expect(first.accepted).toBe(3);
    const ids = first.items.map((i) => i.id);
    expect(await leavesOf("trace.fill_record", ids)).toBe(3);
    expect(await leafCount()).toBe(before + 3);
    // an idempotent retry of the same batch plus one new record: one new leaf
    const retry = await upload([fill("LG0000", "91001"), fill("LG0001", "91002"), fill("LG0003", "91004")]);
    expect(retry.duplicates).toBe(2);
    expect(await leafCount()).toBe(before + 4);
  });

  it("leaves no leaf from a batch whose transaction rolls back", async () => {
    // a deferred constraint refuses the batch at COMMIT, after the ledger appended its leaves
    await t.database.sql.unsafe(`
      create function test_refuse_at_commit() returns trigger language plpgsql as
        $$ begin raise exception 'refused at commit'; end $$;
      create constraint trigger test_refuse_rollback after insert on trace.fill_record
        deferrable initially deferred for each row when (new.barcode = 'LG0005')
        execute function test_refuse_at_commit();`);
    try {
      const before = await leafCount();
      const [fills] = await t.database.sql<{ n: number }[]>`select count(*)::int as n from trace.fill_record`;
      const r = await t.gql(
        RECORD_FILLS,
        { input: { items: [fill("LG0004", "91010"), fill("LG0005", "91011")] } },
        tickets.kmFilling,
      );
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(await leafCount()).toBe(before);
      const [after] = await t.database.sql<{ n: number }[]>`select count(*)::int as n from trace.fill_record`;
      expect(after!.n).toBe(fills!.n);
    } finally {
      await t.database.sql.unsafe(`drop trigger test_refuse_rollback on trace.fill_record;
        drop function test_refuse_at_commit();`);
    }
  });

  it("makes a registration version 1, its approval version 2 and each approved cylinder a leaf", async () => {
    const images = {
      payImage: await uploadImage(t, tickets.kmFilling, "ledger-pay"),
      batchImage: await uploadImage(t, tickets.kmFilling, "ledger-batch"),
      deviceImage: await uploadImage(t, tickets.kmFilling, "ledger-device"),
    };
    const input = application(t, "77001", ["LR0000001", "LR0000002"], images, t.world.units.manufacturer);
    const applied = await ok<{ applyRegistration: { id: number } }>(t, APPLY, { input }, tickets.kmFilling);
    const id = applied.applyRegistration.id;
    expect(await leavesOf("registry.registration", [id])).toBe(1);
    await ok(t, APPLY, { input }, tickets.kmFilling); // a retry: same registration, no leaf
    expect(await leavesOf("registry.registration", [id])).toBe(1);
    await ok(
      t,
      "mutation($id: Int!) { reviewRegistration(id: $id, approve: true) { id status } }",
      { id },
      tickets.kmRegulator,
    );
    expect(await leavesOf("registry.registration", [id])).toBe(2);
    const cylinders = await t.database.sql<{ id: number }[]>`
      select id::int8 as id from registry.cylinder where registration_id = ${id}`;
    expect(cylinders.length).toBe(2);
    expect(
      await leavesOf(
        "registry.cylinder",
        cylinders.map((c) => Number(c.id)),
      ),
    ).toBe(2);
  });

  it("adds a new cylinder version for a regulator's state change, none for a no-op", async () => {
    const barcode = t.world.barcodes.kmNormal;
    const [c] = await t.database.sql<
      { id: number }[]
    >`select id::int8 as id from registry.cylinder where barcode = ${barcode}`;
    const versions = () => leavesOf("registry.cylinder", [Number(c!.id)]);
    const v0 = await versions();
    const SET = `mutation($b: String!, $s: Int!, $r: String!) { setCylinderState(barcode: $b, state: $s, reason: $r) { state } }`;
    await ok(t, SET, { b: barcode, s: 3, r: "账本测试：暂停" }, tickets.province);
    expect(await versions()).toBe(v0 + 1);
    await ok(t, SET, { b: barcode, s: 1, r: "账本测试：恢复" }, tickets.province);
    expect(await versions()).toBe(v0 + 2);
    await ok(t, SET, { b: barcode, s: 1, r: "账本测试：无变化" }, tickets.province);
    expect(await versions()).toBe(v0 + 2);
  });
});

describe("heads, keys and proofs over HTTP, checked with the public key only", () => {
  let proof: GqlProof;
  let publicKeys: string[];
  let fillId: number;

  beforeAll(async () => {
    const up = await upload([fill("LG0006", "91020")]);
    fillId = up.items[0]!.id;
    const keys = await ok<{ ledgerPublicKeys: { publicKey: string; current: boolean; algorithm: string }[] }>(
      t,
      KEYS,
      {},
    );
    publicKeys = keys.ledgerPublicKeys.map((k) => k.publicKey);
    expect(keys.ledgerPublicKeys.some((k) => k.current && k.algorithm === "SM2")).toBe(true);
  });

  it("says a record is not in a head yet, then proves it after an on-demand checkpoint", async () => {
    expect((await fails(t, FILL_PROOF, { id: fillId }, tickets.kmFilling)).extensions?.code).toBe(
      "LEDGER_NOT_SEQUENCED",
    );
    expect((await fails(t, CHECKPOINT, {}, tickets.kmFilling)).extensions?.code).toBe("FORBIDDEN");
    const cp = await ok<{ checkpointLedger: { sequenced: number; head: GqlHead } }>(
      t,
      CHECKPOINT,
      {},
      tickets.province,
    );
    expect(cp.checkpointLedger.sequenced).toBeGreaterThan(0);
    proof = (await ok<{ fillRecordProof: GqlProof }>(t, FILL_PROOF, { id: fillId }, tickets.kmFilling)).fillRecordProof;
    expect(proof).toMatchObject({ table: "FILL_RECORD", id: fillId, version: 1 });
    expect(JSON.parse(proof.canonical)).toMatchObject({ table: "trace.fill_record", id: String(fillId) });
    expect(verifyRecordInclusion(asHead(proof.head), proof.canonical, proof.proof, publicKeys)).toEqual({ ok: true });
    // the generic form gives the same proof
    const generic = await ok<{ ledgerRecordProof: GqlProof }>(
      t,
      `query($id: Int!) { ledgerRecordProof(table: FILL_RECORD, id: $id) { ${PROOF} } }`,
      { id: fillId },
      tickets.province,
    );
    expect(generic.ledgerRecordProof).toEqual(proof);
  });

  it("refuses forged proofs: altered hash, wrong index, wrong size, altered record, unknown key", async () => {
    const head = asHead(proof.head);
    const refused = (h: SignedTreeHead, canonical: string, p: InclusionProof, keys = publicKeys) =>
      verifyRecordInclusion(h, canonical, p, keys).ok;
    expect(proof.proof.path.length).toBeGreaterThan(0);
    const flipped = proof.proof.path.map((x, i) => (i === 0 ? `${x[0] === "0" ? "1" : "0"}${x.slice(1)}` : x));
    expect(refused(head, proof.canonical, { ...proof.proof, path: flipped })).toBe(false);
    expect(refused(head, proof.canonical, { ...proof.proof, leafIndex: proof.proof.leafIndex - 1 })).toBe(false);
    expect(refused(head, proof.canonical, { ...proof.proof, treeSize: proof.proof.treeSize + 1 })).toBe(false);
    expect(
      refused({ ...head, treeSize: head.treeSize + 1 }, proof.canonical, {
        ...proof.proof,
        treeSize: head.treeSize + 1,
      }),
    ).toBe(false);
    expect(refused(head, proof.canonical.replace('"13.43"', '"3.43"'), proof.proof)).toBe(false);
    expect(refused({ ...head, rootHash: "0".repeat(64) }, proof.canonical, proof.proof)).toBe(false);
    // a key the platform never published
    const other = `04${"1".repeat(128)}`;
    expect(refused(head, proof.canonical, proof.proof, [other])).toBe(false);
  });

  it("serves heads by size and consistency proofs between them, and typed errors", async () => {
    const older = proof.head;
    await upload([fill("LG0007", "91030")]);
    await t.platform.runJobsNow(); // the scheduled checkpoint, run now
    const latest = (await ok<{ ledgerTreeHead: GqlHead }>(t, `query { ledgerTreeHead { ${HEAD} } }`, {}))
      .ledgerTreeHead;
    expect(latest.treeSize).toBeGreaterThan(older.treeSize);
    const bySize = await ok<{ ledgerTreeHead: GqlHead }>(
      t,
      `query($s: Int) { ledgerTreeHead(treeSize: $s) { ${HEAD} } }`,
      { s: older.treeSize },
    );
    expect(bySize.ledgerTreeHead).toEqual(older);
    const c = await ok<{ ledgerConsistencyProof: { fromSize: number; toSize: number; path: string[] } }>(
      t,
      "query($f: Int!) { ledgerConsistencyProof(fromSize: $f) { fromSize toSize path } }",
      { f: older.treeSize },
    );
    expect(c.ledgerConsistencyProof.toSize).toBe(latest.treeSize);
    expect(verifyHeadConsistency(asHead(older), asHead(latest), c.ledgerConsistencyProof, publicKeys)).toEqual({
      ok: true,
    });
    const forged = { ...c.ledgerConsistencyProof, path: [...c.ledgerConsistencyProof.path].reverse() };
    if (forged.path.length > 1)
      expect(verifyHeadConsistency(asHead(older), asHead(latest), forged, publicKeys).ok).toBe(false);

    const beyond = latest.treeSize + 1000;
    expect(
      (await fails(t, `query($s: Int) { ledgerTreeHead(treeSize: $s) { treeSize } }`, { s: beyond })).extensions?.code,
    ).toBe("LEDGER_SIZE_BEYOND_TREE");
    expect((await fails(t, FILL_PROOF, { id: fillId, size: beyond }, tickets.kmFilling)).extensions?.code).toBe(
      "LEDGER_SIZE_BEYOND_TREE",
    );
    expect((await fails(t, FILL_PROOF, { id: 987654321 }, tickets.province)).extensions?.code).toBe(
      "LEDGER_UNKNOWN_RECORD",
    );
  });

  it("shows a record's proof only to whoever may read the record; heads and keys to anyone", async () => {
    expect((await fails(t, FILL_PROOF, { id: fillId }, tickets.qjFilling)).extensions?.code).toBe("FORBIDDEN");
    expect((await fails(t, FILL_PROOF, { id: fillId }, tickets.qjRegulator)).extensions?.code).toBe("FORBIDDEN");
    expect((await fails(t, FILL_PROOF, { id: fillId })).extensions?.code).toBe("FORBIDDEN");
    await ok(t, FILL_PROOF, { id: fillId }, tickets.kmRegulator);
    await ok(t, `query { ledgerTreeHead { treeSize } }`, {});
    // registry records: scoped by the serialisation the ledger keeps
    const [c] = await t.database.sql<{ id: number }[]>`
      select id::int8 as id from registry.cylinder where barcode = ${t.world.barcodes.kmNormal}`;
    const [r] = await t.database.sql<{ id: number }[]>`
      select id::int8 as id from registry.registration where third_id = 77001`;
    const RECORD = `query($t: LedgerTable!, $id: Int!) { ledgerRecordProof(table: $t, id: $id) { ${PROOF} } }`;
    for (const [table, id] of [
      ["CYLINDER", Number(c!.id)],
      ["REGISTRATION", Number(r!.id)],
    ] as const) {
      const got = await ok<{ ledgerRecordProof: GqlProof }>(t, RECORD, { t: table, id }, tickets.kmFilling);
      const p = got.ledgerRecordProof;
      expect(p.version).toBeGreaterThan(1);
      expect(verifyRecordInclusion(asHead(p.head), p.canonical, p.proof, publicKeys)).toEqual({ ok: true });
      await ok(t, RECORD, { t: table, id }, tickets.kmRegulator);
      expect((await fails(t, RECORD, { t: table, id }, tickets.qjFilling)).extensions?.code).toBe("FORBIDDEN");
      expect((await fails(t, RECORD, { t: table, id }, tickets.qjRegulator)).extensions?.code).toBe("FORBIDDEN");
    }
  });
});

describe("verify against an attacker with database access", () => {
  const ROLLBACK = new Error("rollback");
  let fills: number[];

  beforeAll(async () => {
    fills = (await upload([fill("LG0000", "91100"), fill("LG0001", "91101"), fill("LG0002", "91102")])).items.map(
      (i) => i.id,
    );
    await ok(t, CHECKPOINT, {}, tickets.operator);
  });

  /** Runs the attack with the guards off in a transaction, audits inside it, rolls back. */
  async function findingsAfter(attack: (tx: typeof t.database.sql) => Promise<unknown>): Promise<Finding[]> {
    let findings: Finding[] = [];
    await t.database.sql
      .begin(async (tx) => {
        await tx`set local session_replication_role = replica`;
        await attack(tx as unknown as typeof t.database.sql);
        await tx`set local session_replication_role = origin`;
        findings = (await auditLedger(tx, ledgerKeys(t.config))).findings;
        throw ROLLBACK;
      })
      .catch((e) => {
        if (e !== ROLLBACK) throw e;
      });
    return findings;
  }

  it("is clean on the platform's own writes", async () => {
    const report = await verifyLedger(t.database.sql, ledgerKeys(t.config));
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("names an edited fill", async () => {
    const f = await findingsAfter((tx) => tx`update trace.fill_record set net_weight = 9.99 where id = ${fills[0]!}`);
    expect(f).toContainEqual(expect.objectContaining({ kind: "edited", table: "trace.fill_record", id: fills[0] }));
  });

  it("names a deleted fill", async () => {
    const f = await findingsAfter((tx) => tx`delete from trace.fill_record where id = ${fills[1]!}`);
    expect(f).toContainEqual(expect.objectContaining({ kind: "deleted", table: "trace.fill_record", id: fills[1] }));
  });

  it("names a fill inserted behind the platform's back", async () => {
    let id = 0;
    const f = await findingsAfter(async (tx) => {
      const [r] = await tx<{ id: number }[]>`
        insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at, end_at, prefecture_code)
        values (${t.world.units.kmFilling}, 99999, 'LG0000', 15, 30, 15, now(), now(), '530100') returning id::int8 as id`;
      id = Number(r!.id);
    });
    expect(f).toEqual([{ kind: "inserted", table: "trace.fill_record", id }]);
  });

  it("names two fills whose leaves were reordered", async () => {
    const index = async (id: number) =>
      Number(
        (
          await t.database.sql<{ i: number }[]>`select leaf_index::int8 as i from ledger.leaf
            where record_schema = 'trace' and record_table = 'fill_record' and record_id = ${id}`
        )[0]!.i,
      );
    const [a, b] = [await index(fills[0]!), await index(fills[2]!)];
    const f = await findingsAfter(async (tx) => {
      await tx`update ledger.leaf set leaf_index = -1 where leaf_index = ${a}`;
      await tx`update ledger.leaf set leaf_index = ${a} where leaf_index = ${b}`;
      await tx`update ledger.leaf set leaf_index = ${b} where leaf_index = -1`;
    });
    expect(f).toContainEqual(
      expect.objectContaining({
        kind: "reordered",
        table: "trace.fill_record",
        id: fills[0],
        leafIndex: b,
        sealedAt: a,
      }),
    );
    expect(f).toContainEqual(
      expect.objectContaining({
        kind: "reordered",
        table: "trace.fill_record",
        id: fills[2],
        leafIndex: a,
        sealedAt: b,
      }),
    );
  });
});
