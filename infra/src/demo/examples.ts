/**
 * The demo cylinders the home page suggests and `npm start` prints: one the public page shows
 * as 可以充装, and one overdue, scrapped and car cylinder each, picked from the database and
 * judged through the API itself (so the badge the visitor sees is the one promised here).
 */
import { type Clock, chinaToday, type Database, PUBLIC_IDENTITY } from "@cylinder/db";
import type { ExampleCylinder, Gateway, HomeExamples } from "@cylinder/gateway";
import type { AccountLine } from "./report";

interface Candidate {
  barcode: string;
  label: string;
}

export async function demoExamples(
  database: Database,
  gateway: Gateway,
  clock: Clock,
  accounts: readonly AccountLine[],
): Promise<HomeExamples> {
  const today = chinaToday(clock);
  // with fills where it has them: the page then shows a cylinder's whole story
  const pick = (label: string, where: string) =>
    database.sql.unsafe<Candidate[]>(
      `select c.barcode, $2::text as label from registry.cylinder c
       where $1::date is not null and ${where}
       order by exists (select 1 from trace.fill_record f where f.barcode = c.barcode) desc, c.id limit 20`,
      [today, label],
    );
  const groups = await Promise.all([
    pick(
      "可以充装的液化石油气瓶",
      "c.kind = 'generic' and c.state = 1 and c.medium = '液化石油气' and c.next_date >= $1::date and (c.discard_date is null or c.discard_date >= $1::date)",
    ),
    pick("超期未检的气瓶", "c.kind = 'generic' and c.state = 1 and c.next_date < $1::date"),
    pick("已报废的气瓶", "c.state = 4"),
    pick("车用气瓶", "c.kind = 'car' and c.state = 1 and c.next_date >= $1::date"),
  ]);
  const cylinders: ExampleCylinder[] = [];
  for (const [i, group] of groups.entries()) {
    for (const c of group) {
      const r = await gateway.execute(
        {
          query: "query($b: String!) { cylinder(barcode: $b) { publicPermit { permitted } } }",
          variables: { b: c.barcode },
        },
        PUBLIC_IDENTITY,
      );
      const permitted = (r.data?.cylinder as { publicPermit: { permitted: boolean } } | null)?.publicPermit.permitted;
      // the first group must show 可以充装, the others 禁止充装, except the car cylinder
      if (permitted === undefined || (i === 0 && !permitted) || ((i === 1 || i === 2) && permitted)) continue;
      cylinders.push({ label: c.label, barcode: c.barcode });
      break;
    }
  }
  return {
    cylinders,
    accounts: accounts.map((a) => ({ username: a.username, role: a.role, unitName: a.unitName })),
  };
}
