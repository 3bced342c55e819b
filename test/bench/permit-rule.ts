/**
 * Micro-benchmark of the fill-permit rule: decisions per second and per-call p50/p99 of
 * decideFillPermit over a mix of inputs, beside two same-run baselines on the same inputs:
 * an empty function call (the harness's own cost) and JSON.stringify of the input.
 *
 *   npx tsx test/bench/permit-rule.ts [seconds-per-run=1] [rounds=3]
 *
 * Not part of `npm test`. Each round runs every subject for the given time (throughput),
 * then times 100,000 single calls with process.hrtime.bigint (latency, timer cost
 * included: read the noop line as the floor). Figures are medians over the rounds.
 */
import { cpus } from "node:os";
import {
  type CylinderPermitRow,
  decideFillPermit,
  type FillPermissionRow,
  type FillPermitInput,
  type UnitPermitRow,
} from "@cylinder/trace";

const seconds = Number(process.argv[2] ?? 1);
const rounds = Number(process.argv[3] ?? 3);
const LATENCY_SAMPLES = 100_000;

// ---- a mix of inputs: permitted and refused, own and foreign, generic and car ----------------

const UNIT = 101;
const now = new Date("2026-05-10T04:00:00Z");
const unit: UnitPermitRow = {
  id: UNIT,
  kind: "filling",
  prefectureCode: "530100",
  licensedMedia: ["液化石油气", "CNG"],
  licenseExpiresOn: "2028-12-31",
};

function cylinder(i: number, over: Partial<CylinderPermitRow> = {}): CylinderPermitRow {
  return {
    barcode: String(1103000000 + i),
    kind: "generic",
    state: 1,
    ownerUnitId: UNIT,
    prefectureCode: "530100",
    medium: "液化石油气",
    productDate: "2020-09-01",
    nextDate: "2028-09-01",
    discardDate: "2028-09-01",
    lifePeriod: 8,
    fillWeight: 14.5,
    ...over,
  };
}

/** A unit holding many permissions (the realistic worst case is a few dozen). */
const permissions: FillPermissionRow[] = Array.from({ length: 24 }, (_, k) => ({
  fillingUnitId: UNIT,
  ownerUnitId: k % 2 === 0 ? 300 + k : null,
  barcode: k % 2 === 0 ? null : String(1103900000 + k),
  validFrom: "2026-01-01",
  validTo: k % 3 === 0 ? "2026-03-31" : null,
}));

const variants: ((i: number) => Partial<FillPermitInput>)[] = [
  (i) => ({ cylinder: cylinder(i) }), // own, permitted
  (i) => ({ cylinder: cylinder(i), latestBeforeFillCheck: { state: 0, checkedAt: now } }),
  (i) => ({ cylinder: null, barcode: String(1199000000 + i) }), // not registered
  (i) => ({ cylinder: cylinder(i, { ownerUnitId: 302 }), permissions }), // foreign, permitted by owner
  (i) => ({ cylinder: cylinder(i, { ownerUnitId: 999 }), permissions }), // foreign, refused
  (i) => ({ cylinder: cylinder(i, { state: 4, nextDate: "2024-04-01" }) }), // scrapped and overdue
  (i) => ({ cylinder: cylinder(i, { kind: "car", ownerUnitId: null, medium: "压缩天然气" }) }), // car
  (i) => ({ cylinder: cylinder(i), latestBeforeFillCheck: { state: 1, checkedAt: now, remark: "瓶体变形" } }),
  (i) => ({ cylinder: cylinder(i, { productDate: "2016-02-29", lifePeriod: 10, discardDate: null }) }),
  (i) => ({ cylinder: cylinder(i, { medium: "LPG" }), unit: { ...unit, licenseExpiresOn: "2026-01-01" } }),
];

const inputs: FillPermitInput[] = Array.from({ length: 64 }, (_, i) => {
  const over = variants[i % variants.length]!(i);
  const c = over.cylinder === undefined ? cylinder(i) : over.cylinder;
  return {
    barcode: c?.barcode ?? String(1199000000 + i),
    cylinder: c,
    unit,
    permissions: [],
    latestBeforeFillCheck: null,
    now,
    ...over,
  };
});

// ---- subjects -----------------------------------------------------------------------------

let sink = 0;
function noop(_input: FillPermitInput): number {
  return 1;
}
const subjects: [string, (input: FillPermitInput) => number][] = [
  ["empty function call", (input) => noop(input)],
  ["JSON.stringify(input)", (input) => JSON.stringify(input).length],
  ["decideFillPermit", (input) => decideFillPermit(input).reasons.length + 1],
];

function throughput(fn: (input: FillPermitInput) => number): number {
  const n = inputs.length;
  let ops = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (let k = 0; k < 1024; k++) sink += fn(inputs[(ops + k) % n]!);
    ops += 1024;
  }
  return ops / seconds;
}

function latency(fn: (input: FillPermitInput) => number): { p50: number; p99: number } {
  const n = inputs.length;
  const samples = new Float64Array(LATENCY_SAMPLES);
  for (let k = 0; k < LATENCY_SAMPLES; k++) {
    const input = inputs[k % n]!;
    const t0 = process.hrtime.bigint();
    sink += fn(input);
    samples[k] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  samples.sort();
  return { p50: samples[Math.floor(LATENCY_SAMPLES * 0.5)]!, p99: samples[Math.floor(LATENCY_SAMPLES * 0.99)]! };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// warm up every subject so the JIT has seen them all before measuring
for (const [, fn] of subjects) for (let k = 0; k < 200_000; k++) sink += fn(inputs[k % inputs.length]!);

const results = new Map<string, { ops: number[]; p50: number[]; p99: number[] }>();
for (let r = 0; r < rounds; r++) {
  for (const [name, fn] of subjects) {
    const entry = results.get(name) ?? { ops: [], p50: [], p99: [] };
    entry.ops.push(throughput(fn));
    const { p50, p99 } = latency(fn);
    entry.p50.push(p50);
    entry.p99.push(p99);
    results.set(name, entry);
  }
}

const refused = inputs.filter((i) => !decideFillPermit(i).permitted).length;
console.log(
  `decideFillPermit micro-benchmark: ${inputs.length} inputs (${inputs.length - refused} permitted, ${refused} refused), ` +
    `${seconds} s per run, median of ${rounds} rounds; Node ${process.version}, ${cpus()[0]?.model ?? "cpu"} x${cpus().length}`,
);
console.log(`${"subject".padEnd(24)}${"ops/s".padStart(14)}${"p50 µs".padStart(10)}${"p99 µs".padStart(10)}`);
for (const [name, r] of results) {
  console.log(
    `${name.padEnd(24)}${Math.round(median(r.ops)).toLocaleString("en").padStart(14)}` +
      `${median(r.p50).toFixed(3).padStart(10)}${median(r.p99).toFixed(3).padStart(10)}`,
  );
}
const decide = median(results.get("decideFillPermit")!.ops);
const stringify = median(results.get("JSON.stringify(input)")!.ops);
const empty = median(results.get("empty function call")!.ops);
console.log(
  `ratio: decideFillPermit runs at ${(decide / stringify).toFixed(2)}x the rate of JSON.stringify(input) ` +
    `and ${(decide / empty).toFixed(3)}x the rate of an empty call`,
);
if (sink === 0) console.log("(sink)");
