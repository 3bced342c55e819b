/** The deterministic demo-data generator (see load.ts for the entry point). */
export { type DemoAccount, demoPassword } from "./accounts";
export {
  type DemoSummary,
  type DryRun,
  dryRun,
  isDemoTarget,
  type LoadOptions,
  loadDemo,
  resetPlatformData,
} from "./load";
export { DEFAULT_SEED, type DemoOptions, type DemoPlan, MAX_CYLINDERS, planDemo, resolveOptions } from "./plan";
export { type AccountLine, demoAccounts, describeAccounts, describeLoad } from "./report";
