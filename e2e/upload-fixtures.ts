import { expect, type Page } from "@playwright/test";

/** A unique dataset name per test run. */
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Uploads `rows` (a JSON array, or JSONL when the file name ends in .jsonl) on /import as dataset `name`. */
export async function uploadRows(page: Page, name: string, file: string, rows: readonly unknown[]) {
  const jsonl = file.endsWith(".jsonl");
  const body = jsonl ? rows.map((r) => JSON.stringify(r)).join("\n") + "\n" : JSON.stringify(rows);
  await page.goto("/import");
  await page.getByLabel("File").setInputFiles({
    name: file,
    mimeType: jsonl ? "application/jsonl" : "application/json",
    buffer: Buffer.from(body),
  });
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByRole("status", { name: "Import summary" })).toBeVisible({ timeout: 30_000 });
}
