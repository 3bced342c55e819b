/**
 * Once per `npm test`: build the console if its sources changed, sweep databases left by
 * killed runs, migrate one template database for this run (each test file clones it), and
 * drop it at the end.
 */
import { ensureConsoleBuilt } from "@cylinder/console/server";
import { createTemplate, dropDatabase, sweepStaleDatabases } from "@cylinder/db/testing";

export default async function setup(): Promise<() => Promise<void>> {
  // the console's bundle, once, before any test file's gateway would build it
  await ensureConsoleBuilt({ log: (m) => console.log(m) });
  await sweepStaleDatabases();
  const template = await createTemplate();
  process.env.CYL_TEST_TEMPLATE = template;
  return async () => {
    await dropDatabase(template);
  };
}
