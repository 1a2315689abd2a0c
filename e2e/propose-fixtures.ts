import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Shared by the journeys: this run's DB file, datasets imported through the CLI, and the model
// endpoint pointed at (or away from) a stub server via Setting rows.
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const DB_FILE = `./data/e2e-${PORT}.db`;

export const ROW = (i: number) => ({
  problem: `Compute $${i}+3\\cdot 4$.`,
  answer: String(i + 12),
  reference_solution: `Multiplication first: $3\\cdot 4 = 12$, then $${i} + 12 = \\boxed{${i + 12}}$.`,
  incorrect_attempt: `We need $${i}+3\\cdot 4$.\n\nAdding first, $${i}+3 = ${i + 3}$.\n\nThen $${i + 3} \\cdot 4 = ${(i + 3) * 4}$.\n\nSo the answer is $\\boxed{${(i + 3) * 4}}$.`,
});

export type Imported = { datasetId: string; name: string; traces: { id: string; problem: string }[] };

/** Imports `rows` (int format) through the CLI as dataset `name`; traces sorted by `order`. */
export function importRows(name: string, rows: readonly object[], order: "statement" | "id" = "statement"): Imported {
  return importRowsInto(DB_FILE, name, rows, order);
}

/** Same as importRows, into another server's DB file (the team server's, e2e/team-fixtures.ts). */
export function importRowsInto(
  dbFile: string,
  name: string,
  rows: readonly object[],
  order: "statement" | "id" = "statement",
): Imported {
  const dir = mkdtempSync(join(tmpdir(), "e2e-import-"));
  const file = join(dir, "rows.jsonl");
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  execFileSync("npm", ["run", "-s", "int", "--", "import", file, "--dataset", name, "--format", "int"], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}` },
    stdio: "pipe",
  });
  const db = new Database(dbFile, { readonly: true });
  const ds = db.prepare("SELECT id FROM Dataset WHERE name = ?").get(name) as { id: string };
  const by = order === "id" ? "t.id" : "p.statement";
  const traces = db
    .prepare(
      `SELECT t.id, p.statement AS problem FROM Trace t JOIN Problem p ON p.id = t.problemId WHERE t.datasetId = ? ORDER BY ${by}`,
    )
    .all(ds.id) as { id: string; problem: string }[];
  db.close();
  return { datasetId: ds.id, name, traces };
}

export function importDataset(prefix: string, count: number): Imported {
  const name = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  return importRows(
    name,
    Array.from({ length: count }, (_, i) => ROW(i + 2)),
  );
}

/** Point the app at a model endpoint (what /settings saves); null removes the saved values. */
export function setModel(baseUrl: string | null, name = "stub-model") {
  const db = new Database(DB_FILE);
  if (baseUrl === null) db.prepare("DELETE FROM Setting WHERE key IN ('model.baseUrl', 'model.name')").run();
  else {
    const up = db.prepare(
      "INSERT INTO Setting (key, value, updatedAt) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt",
    );
    const now = new Date().toISOString();
    up.run("model.baseUrl", baseUrl, now);
    up.run("model.name", name, now);
  }
  db.close();
}

export function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(DB_FILE, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** Opens a dataset page's action panel ("Export", "Propose", "Rollouts & sampling") if it is closed. */
export async function openPanel(page: Page, label: string) {
  const button = page
    .getByRole("toolbar", { name: "Dataset actions" })
    .getByRole("button", { name: new RegExp(`^${label}`) });
  await page.locator("[data-toolbar-ready='1']").waitFor(); // hydrated: the saved panels are open already
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
}
