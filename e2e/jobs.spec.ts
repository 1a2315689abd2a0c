import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";

// Jobs pages: list -> detail with counts, failures and the pause error -> cancel -> resume, after
// which the server's own runner (instrumentation.ts) finishes the job while the page polls.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB = `./data/e2e-${PORT}.db`;

function seedJob(): string {
  const db = new Database(DB);
  const id = `e2e-job-${randomUUID().slice(0, 8)}`;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO "Job" (id, kind, status, params, total, done, failed, error, createdBy, createdAt, updatedAt) VALUES (?, 'propose', 'paused', ?, 5, 2, 1, ?, 'e2e', ?, ?)`,
  ).run(
    id,
    JSON.stringify({ model: "stub-model", templateId: "no-such-template", k: 1 }),
    "model server unreachable at http://127.0.0.1:9/v1; resume when it is up",
    now,
    now,
  );
  const item = db.prepare(
    `INSERT INTO "JobItem" (id, jobId, key, status, attempts, payload, result, error, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows: [string, string, number, string | null, string | null][] = [
    ["done", "gone-trace-1:0", 1, '{"proposalId":"p1"}', null],
    ["done", "gone-trace-2:0", 1, '{"proposalId":"p2"}', null],
    [
      "failed",
      "gone-trace-3:0",
      4,
      null,
      "model server answered HTTP 500: <script>alert(1)</script> (after 4 attempts)",
    ],
    ["pending", "gone-trace-4:0", 0, null, null],
    ["pending", "gone-trace-5:0", 0, null, null],
  ];
  for (const [status, key, attempts, result, error] of rows) {
    item.run(
      `${id}-${key}`,
      id,
      key,
      status,
      attempts,
      JSON.stringify({ traceId: key.split(":")[0], sample: 0 }),
      result,
      error,
      now,
    );
  }
  db.close();
  return id;
}

test("jobs list and detail: failures, cancel, resume to completion", async ({ page }) => {
  const id = seedJob();
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: id });
  await expect(row.getByText("paused")).toBeVisible();
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "2");
  await row.getByRole("link", { name: "propose" }).click();

  await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));
  await expect(page.getByText("model server unreachable at http://127.0.0.1:9/v1; resume when it is up")).toBeVisible();
  await expect(page.getByText("3/5 (60%)")).toBeVisible();
  await expect(page.getByRole("link", { name: "Failed (1)" })).toBeVisible();
  // Model text in errors is shown as text, never run.
  await expect(
    page.getByText("model server answered HTTP 500: <script>alert(1)</script> (after 4 attempts)"),
  ).toBeVisible();
  await page.screenshot({ path: "test-results/jobs-detail-paused.png", fullPage: true });

  await page.getByRole("button", { name: "Cancel" }).click();
  const progress = page.getByRole("region", { name: "Job propose" });
  await expect(progress.getByText("cancelled", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Resume" }).click();
  // The server's runner takes the job; its items' traces are gone, so the stage skips them.
  await expect(progress.getByText("done", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("5/5 (100%)")).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry 1 failed" })).toBeVisible();
  await page.screenshot({ path: "test-results/jobs-detail-done.png", fullPage: true });

  await page.goto("/jobs");
  await expect(page.getByRole("row").filter({ hasText: id }).getByText("done")).toBeVisible();
});
