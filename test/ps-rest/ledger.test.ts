/**
 * The tamper-evidence ledger through /PS/Ledger/* over real HTTP (issue 6): a fill uploaded
 * through /PS/GenericTrace/Fill is proved, after a checkpoint, by /PS/Ledger/RecordProof and
 * the proof verifies with only the public key from /PS/Ledger/PublicKeys (db/src/ledger/verifier.ts);
 * tampered proofs are refused; a consistency proof between two heads verifies; heads, keys and
 * consistency proofs are public, record proofs follow the record's scope; errors are
 * {State:1, Value:"中文原因", Code}.
 */
import { formatDateTime14 } from "@cylinder/db";
import {
  type SignedTreeHead,
  verifyHeadConsistency,
  verifyRecordInclusion,
  verifyTreeHead,
} from "@cylinder/db/ledger/verifier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../support/platform";
import { insertCylinders, instantAgo, loginAll, lpgCylinder, ok, type RoleName } from "../support/trace";
import { type PsFailure, post, ps, q } from "./client";

let t: TestPlatform;
let tickets: Record<RoleName, string>;

interface PsHead {
  TreeSize: number;
  RootHash: string;
  Timestamp: number;
  IssueTime: string;
  KeyId: string;
  Signature: string;
}
interface PsProof {
  Kind: string;
  Table: string;
  Id: number;
  Version: number;
  Canonical: string;
  LeafHash: string;
  Head: PsHead;
  Proof: { LeafIndex: number; TreeSize: number; Path: string[] };
}
interface PsConsistency {
  FromSize: number;
  ToSize: number;
  Path: string[];
  FromHead?: PsHead;
  ToHead?: PsHead;
}
type Ok<T> = { State: 0; Value: T };

const asHead = (h: PsHead): SignedTreeHead => ({
  treeSize: h.TreeSize,
  rootHash: h.RootHash,
  timestamp: h.Timestamp,
  keyId: h.KeyId,
  signature: h.Signature,
});
const asProof = (p: PsProof["Proof"]) => ({ leafIndex: p.LeafIndex, treeSize: p.TreeSize, path: p.Path });

const CHECKPOINT = "mutation { checkpointLedger { sequenced head { treeSize } } }";
const checkpoint = () => ok(t, CHECKPOINT, {}, tickets.operator);

let thirdId = 77000;
async function uploadFill(barcode: string): Promise<number> {
  const end = instantAgo(t.clock, 5);
  const begin = new Date(end.getTime() - 90_000);
  const data = {
    Items: [
      {
        Barcode: barcode,
        IdleWeight: 16.3,
        GrossWeight: 30.1,
        NetWeight: 13.8,
        BeginDate: formatDateTime14(begin),
        EndDate: formatDateTime14(end),
        Machine: 1,
        ThridId: thirdId++,
      },
    ],
    Factory: { Name: "账本测试充装站" },
    Man: { Name: "张三" },
  };
  const r = await post<Ok<{ Items: { Id: number }[] }>>(
    t,
    `/PS/GenericTrace/Fill?ticket=${tickets.kmFilling}`,
    JSON.stringify(data),
  );
  expect(r.body.State, r.text).toBe(0);
  return r.body.Value.Items[0]!.Id;
}

async function get<T>(path: string, params: Record<string, string | number> = {}) {
  const query = q(params);
  return ps<T>(t, query ? `${path}?${query}` : path);
}
async function value<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const r = await get<Ok<T>>(path, params);
  expect(r.status, r.text).toBe(200);
  expect(r.body.State, r.text).toBe(0);
  return r.body.Value;
}
async function failure(path: string, params: Record<string, string | number>, status: number, code: string) {
  const r = await get<PsFailure>(path, params);
  expect(r.status, r.text).toBe(status);
  expect(r.body).toMatchObject({ State: 1, Code: code });
  expect(r.body.Value).toMatch(/[\u4e00-\u9fff]/);
  return r.body;
}

let publicKeys: string[];
let fillId: number;
let proof: PsProof;

beforeAll(async () => {
  t = await startTestPlatform({ LEDGER_CHECKPOINT_SECONDS: "3600" });
  tickets = await loginAll(t);
  await insertCylinders(t, [
    lpgCylinder(t, "LDG0001", t.world.units.kmFilling),
    lpgCylinder(t, "LDG0002", t.world.units.kmFilling),
  ]);
  await checkpoint(); // a first head, so that a fresh record is "not in a head yet"
});
afterAll(async () => {
  await t?.stop();
});

describe("/PS/Ledger", () => {
  it("proves an uploaded fill with only the published public key", async () => {
    fillId = await uploadFill("LDG0001");
    // uploaded, not yet under a signed head
    await failure(
      "/PS/Ledger/RecordProof",
      { ticket: tickets.kmFilling, kind: "Fill", id: fillId },
      409,
      "LEDGER_NOT_SEQUENCED",
    );
    await checkpoint();

    const keys =
      await value<{ KeyId: string; PublicKey: string; Algorithm: string; Current: number }[]>("/PS/Ledger/PublicKeys"); // no ticket: public
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.find((k) => k.Current === 1)).toMatchObject({ Algorithm: "SM2" });
    publicKeys = keys.map((k) => k.PublicKey);

    proof = await value<PsProof>("/PS/Ledger/RecordProof", { ticket: tickets.kmFilling, kind: "Fill", id: fillId });
    expect(proof).toMatchObject({ Kind: "Fill", Table: "trace.fill_record", Id: fillId, Version: 1 });
    expect(proof.LeafHash).toMatch(/^[0-9a-f]{64}$/);
    expect(proof.Head.RootHash).toMatch(/^[0-9a-f]{64}$/);
    expect(proof.Head.IssueTime).toMatch(/^\d{14}$/);
    expect(JSON.parse(proof.Canonical)).toBeTruthy();
    expect(verifyRecordInclusion(asHead(proof.Head), proof.Canonical, asProof(proof.Proof), publicKeys)).toEqual({
      ok: true,
    });

    // the latest head, public, is the one the proof rests on
    const latest = await value<PsHead>("/PS/Ledger/TreeHead");
    expect(latest).toEqual(proof.Head);
    expect(verifyTreeHead(asHead(latest), publicKeys)).toEqual({ ok: true });

    // the kind by table name, any case, and the proof against a given size
    const byTable = await value<PsProof>("/PS/Ledger/RecordProof", {
      token: tickets.kmFilling,
      kind: "FILL_RECORD",
      id: fillId,
      size: proof.Head.TreeSize,
    });
    expect(byTable).toEqual(proof);
  });

  it("refuses a tampered proof", () => {
    const head = asHead(proof.Head);
    const path = asProof(proof.Proof);
    const refused = (h: SignedTreeHead, canonical: string, p: typeof path) =>
      verifyRecordInclusion(h, canonical, p, publicKeys).ok === false;
    const lighter = proof.Canonical.replace(/13\.80*/, "3.8"); // the net weight, edited
    expect(lighter).not.toBe(proof.Canonical);
    expect(refused(head, lighter, path)).toBe(true);
    expect(refused(head, `${proof.Canonical} `, path)).toBe(true);
    expect(refused({ ...head, rootHash: "0".repeat(64) }, proof.Canonical, path)).toBe(true);
    expect(refused({ ...head, treeSize: head.treeSize + 1 }, proof.Canonical, path)).toBe(true);
    const sig = head.signature;
    expect(refused({ ...head, signature: (sig[0] === "0" ? "1" : "0") + sig.slice(1) }, proof.Canonical, path)).toBe(
      true,
    );
    if (path.path.length > 0) {
      expect(refused(head, proof.Canonical, { ...path, path: [...path.path.slice(1), "f".repeat(64)] })).toBe(true);
    }
    expect(refused(head, proof.Canonical, { ...path, leafIndex: path.leafIndex + 1 })).toBe(true);
    // a key the platform never published
    expect(verifyRecordInclusion(head, proof.Canonical, path, `04${"1".repeat(128)}`).ok).toBe(false);
  });

  it("serves heads by size and a consistency proof between two heads that verifies", async () => {
    const older = proof.Head;
    await uploadFill("LDG0002");
    await checkpoint();
    const latest = await value<PsHead>("/PS/Ledger/TreeHead");
    expect(latest.TreeSize).toBeGreaterThan(older.TreeSize);
    expect(await value<PsHead>("/PS/Ledger/TreeHead", { size: older.TreeSize })).toEqual(older);

    const heads = await value<PsHead[]>("/PS/Ledger/TreeHeads", { from: older.TreeSize });
    expect(heads.map((h) => h.TreeSize)).toEqual([older.TreeSize, latest.TreeSize]);

    const c = await value<PsConsistency>("/PS/Ledger/ConsistencyProof", { from: older.TreeSize });
    expect(c).toMatchObject({ FromSize: older.TreeSize, ToSize: latest.TreeSize, FromHead: older, ToHead: latest });
    const cp = { fromSize: c.FromSize, toSize: c.ToSize, path: c.Path };
    expect(verifyHeadConsistency(asHead(older), asHead(latest), cp, publicKeys)).toEqual({ ok: true });
    const explicit = await value<PsConsistency>("/PS/Ledger/ConsistencyProof", {
      from: older.TreeSize,
      to: latest.TreeSize,
    });
    expect(explicit).toEqual(c);
    // a forged path or a swapped root is refused
    expect(
      verifyHeadConsistency(asHead(older), asHead(latest), { ...cp, path: [...cp.path, "0".repeat(64)] }, publicKeys)
        .ok,
    ).toBe(false);
    expect(
      verifyHeadConsistency(asHead(older), { ...asHead(latest), rootHash: "0".repeat(64) }, cp, publicKeys).ok,
    ).toBe(false);

    // the first proof still verifies against its own (older) head, and a new proof against the newer one
    const newer = await value<PsProof>("/PS/Ledger/RecordProof", {
      ticket: tickets.kmFilling,
      kind: "fill",
      id: fillId,
    });
    expect(newer.Head).toEqual(latest);
    expect(verifyRecordInclusion(asHead(newer.Head), newer.Canonical, asProof(newer.Proof), publicKeys).ok).toBe(true);
  });

  it("gives a record's proof only to whoever may read the record", async () => {
    const refused = await failure(
      "/PS/Ledger/RecordProof",
      { ticket: tickets.qjFilling, kind: "Fill", id: fillId },
      403,
      "FORBIDDEN",
    );
    expect(refused.Value).toContain("无权");
    await failure(
      "/PS/Ledger/RecordProof",
      { ticket: tickets.qjRegulator, kind: "Fill", id: fillId },
      403,
      "FORBIDDEN",
    );
    // the prefecture's regulator and the province may
    await value<PsProof>("/PS/Ledger/RecordProof", { ticket: tickets.kmRegulator, kind: "Fill", id: fillId });
    await value<PsProof>("/PS/Ledger/RecordProof", { ticket: tickets.province, kind: "Fill", id: fillId });
    // no ticket
    await failure("/PS/Ledger/RecordProof", { kind: "Fill", id: fillId }, 401, "UNAUTHENTICATED");
  });

  it("answers unknown records, sizes beyond the tree and malformed parameters with clear errors", async () => {
    const latest = await value<PsHead>("/PS/Ledger/TreeHead");
    const beyond = latest.TreeSize + 1000;
    const km = tickets.kmFilling;
    await failure("/PS/Ledger/RecordProof", { ticket: km, kind: "Fill", id: 987654321 }, 404, "LEDGER_UNKNOWN_RECORD");
    await failure("/PS/Ledger/TreeHead", { size: beyond }, 404, "LEDGER_SIZE_BEYOND_TREE");
    await failure(
      "/PS/Ledger/RecordProof",
      { ticket: km, kind: "Fill", id: fillId, size: beyond },
      404,
      "LEDGER_SIZE_BEYOND_TREE",
    );
    await failure("/PS/Ledger/ConsistencyProof", { from: 1, to: beyond }, 404, "LEDGER_SIZE_BEYOND_TREE");
    const kind = await failure(
      "/PS/Ledger/RecordProof",
      { ticket: km, kind: "Cake", id: fillId },
      400,
      "INVALID_FIELD",
    );
    expect(kind.Value).toContain("kind");
    await failure("/PS/Ledger/RecordProof", { ticket: km, kind: "Fill", id: "abc" }, 400, "INVALID_FIELD");
    await failure("/PS/Ledger/RecordProof", { ticket: km, kind: "Fill" }, 400, "MISSING_FIELD");
    await failure("/PS/Ledger/RecordProof", { ticket: km, id: fillId }, 400, "MISSING_FIELD");
    await failure("/PS/Ledger/ConsistencyProof", {}, 400, "MISSING_FIELD");
    await failure("/PS/Ledger/TreeHead", { size: "-1" }, 400, "INVALID_FIELD");
  });
});
