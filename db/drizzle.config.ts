import { defineConfig } from "drizzle-kit";

// `npm run db:generate` turns schema changes into a new SQL migration under db/migrations;
// commit it. Hand-written SQL (triggers, grants) goes in `drizzle-kit generate --custom`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
  schemaFilter: ["registry", "trace", "prefecture", "ledger"],
});
