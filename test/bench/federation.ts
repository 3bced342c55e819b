/**
 * Issue 3 benchmark, same run, same data:
 *  A. the fill permit: the pure rule called directly (in process) vs the trace subgraph called
 *     directly over HTTP vs through the gateway (both `requestFillPermit`, which also logs the
 *     decision) — throughput and p50/p99;
 *  B. a cross-subgraph cylinder query (archive + owner + prefecture + last 5 fills) through the
 *     gateway vs the same data read by one direct SQL query.
 * The platform runs in a child process; load comes from this one (autocannon, 10 connections).
 *
 *   npx tsx test/bench/federation.ts [--seconds 10] [--connections 10] [--rebuild]
 */
import { type Identity, loadConfig, signIdentity } from "@cylinder/db";
import { cylinderPermitV1, unitPermitV1 } from "@cylinder/db/schema";
import { urlFor } from "@cylinder/db/testing";
import { decideFillPermit } from "@cylinder/trace";
import autocannon from "autocannon";
import { eq, inArray } from "drizzle-orm";
import { seedWorld } from "../support/world";
import { arg, benchDatabase, fmt, has, percentile, spawnPlatform } from "./support";

const SECONDS = arg("--seconds", 10);
const CONNECTIONS = arg("--connections", 10);
const CYLINDERS = 5000;
const DB = "cyl_bench_federation";

const { db: database, fresh } = await benchDatabase(DB, has("--rebuild"));
const config = loadConfig({ DATABASE_URL: urlFor(DB), LOG_LEVEL: "warn" });
if (fresh) {
  const world = await seedWorld(database, config);
  const km = world.units.kmFilling;
  await database.sql`
    insert into registry.cylinder (barcode, kind, owner_unit_id, prefecture_code, medium, style, next_date, discard_date, product_date, life_period, fill_weight, volume)
    select 'BF' || lpad(i::text, 6, '0'), 'generic', ${km}, '530100', '液化石油气', 'YSP35.5', '2028-04-01', '2030-09-01', '2022-09-01', 8, 14.5, 35.5
    from generate_series(1, ${CYLINDERS}) i`;
  await database.sql`
    insert into trace.fill_record (unit_id, third_id, barcode, idle_weight, gross_weight, net_weight, begin_at, end_at, prefecture_code)
    select ${km}, 1000000 + i * 10 + k, 'BF' || lpad(i::text, 6, '0'), 16.3, 29.7, 13.4,
           now() - (k || ' days')::interval - interval '2 minutes', now() - (k || ' days')::interval, '530100'
    from generate_series(1, ${CYLINDERS}) i, generate_series(1, 8) k`;
  await database.sql`analyze`;
}
const barcodes = Array.from({ length: CYLINDERS }, (_, i) => `BF${String(i + 1).padStart(6, "0")}`);
const [account] = await database.sql<{ id: number; unit_id: number; username: string; prefecture_code: string }[]>`
  select id, unit_id, username, prefecture_code from registry.account where username = 'km-filling'`;
const identity: Identity = {
  accountId: account!.id,
  username: account!.username,
  role: "filling_unit",
  unitId: account!.unit_id,
  prefectureCode: account!.prefecture_code,
};

// ------------------------------------------------------------ the platform, in a child process
const { child, endpoints } = await spawnPlatform(DB);

const login = (await (
  await fetch(`${endpoints.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `mutation { login(username: "km-filling", password: "Test@2026") { ticket } }` }),
  })
).json()) as { data: { login: { ticket: string } } };
const ticket = login.data.login.ticket;

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
}
const rows: Row[] = [];

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  body: (i: number) => string,
): Promise<void> {
  let i = 0;
  const result = await autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { "content-type": "application/json", ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0)
    console.warn(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  rows.push({ name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 });
}

// ------------------------------------------------------------ A. the fill permit
{
  // the rule alone, on inputs read once (what the subgraph reads per request is not counted)
  const cyl = await database.db
    .select()
    .from(cylinderPermitV1)
    .where(inArray(cylinderPermitV1.barcode, barcodes.slice(0, 500)));
  const [unit] = await database.db.select().from(unitPermitV1).where(eq(unitPermitV1.id, identity.unitId!));
  const lat: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  while (performance.now() < end) {
    const c = cyl[n % cyl.length]!;
    const t0 = performance.now();
    decideFillPermit({
      barcode: c.barcode,
      cylinder: c,
      unit: unit!,
      permissions: [],
      latestBeforeFillCheck: null,
      now: new Date(),
    });
    lat.push(performance.now() - t0);
    n++;
  }
  lat.sort((a, b) => a - b);
  rows.push({
    name: "permit: rule function, direct",
    rps: n / SECONDS,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
  });
}
const PERMIT = `mutation($b: String!) { requestFillPermit(barcode: $b) { permitted message } }`;
const permitBody = (i: number) => JSON.stringify({ query: PERMIT, variables: { b: barcodes[i % barcodes.length] } });
await load(
  "permit: trace subgraph, direct HTTP",
  endpoints.subgraphs.trace!,
  { "x-cylinder-identity": signIdentity(identity, loadConfig({}).gatewaySecret, Date.now()) },
  permitBody,
);
await load(
  "permit: through the gateway",
  `${endpoints.url}/graphql`,
  { authorization: `Bearer ${ticket}` },
  permitBody,
);

// ------------------------------------------------------------ B. a cylinder across subgraphs
const CYLINDER = `query($b: String!) { cylinder(barcode: $b) { barcode state medium nextDate owner { name } prefecture { name } fills(first: 5) { nodes { netWeight endAt } } } }`;
await load("cylinder: gateway, 3 subgraphs", `${endpoints.url}/graphql`, { authorization: `Bearer ${ticket}` }, (i) =>
  JSON.stringify({ query: CYLINDER, variables: { b: barcodes[i % barcodes.length] } }),
);
{
  const lat: number[] = [];
  let n = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const b = barcodes[n++ % barcodes.length]!;
        const t0 = performance.now();
        await database.sql`
          select c.barcode, c.state, c.medium, c.next_date, u.name as owner, p.name as prefecture,
                 (select json_agg(f) from (select net_weight, end_at from trace.fill_record
                   where barcode = c.barcode order by end_at desc limit 5) f) as fills
          from registry.cylinder c left join registry.unit u on u.id = c.owner_unit_id
          join prefecture.prefecture p on p.code = c.prefecture_code
          where c.barcode = ${b}`;
        lat.push(performance.now() - t0);
      }
    }),
  );
  lat.sort((a, b) => a - b);
  rows.push({
    name: "cylinder: one direct SQL query",
    rps: n / SECONDS,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
  });
}

child.kill("SIGTERM");
await database.close();

console.log(
  `\nfederation benchmark — ${SECONDS}s each, ${CONNECTIONS} connections, ${CYLINDERS} cylinders (2 cores)\n`,
);
console.log(`${"".padEnd(40)}${"req/s".padStart(12)}${"p50 ms".padStart(10)}${"p99 ms".padStart(10)}`);
for (const r of rows)
  console.log(
    `${r.name.padEnd(40)}${fmt(r.rps).padStart(12)}${fmt(r.p50, 3).padStart(10)}${fmt(r.p99, 3).padStart(10)}`,
  );
const by = (name: string) => rows.find((r) => r.name.startsWith(name))!;
console.log(
  `\nratios: gateway/subgraph permit throughput ${fmt(by("permit: through").rps / by("permit: trace").rps, 2)}x,`,
  `gateway cylinder query / direct SQL ${fmt(by("cylinder: gateway").rps / by("cylinder: one").rps, 3)}x`,
);
process.exit(0);
