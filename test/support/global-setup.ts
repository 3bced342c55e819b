/**
 * Once per `npm test`: sweep databases left by killed runs, migrate one template database
 * for this run (each test file clones it), and drop it at the end.
 */
import { createTemplate, dropDatabase, sweepStaleDatabases } from "@cylinder/db/testing";

export default async function setup(): Promise<() => Promise<void>> {
  await sweepStaleDatabases();
  const template = await createTemplate();
  process.env.CYL_TEST_TEMPLATE = template;
  return async () => {
    await dropDatabase(template);
  };
}
