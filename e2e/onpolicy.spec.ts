import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { startStubModel, type StubModel } from "./stub-model/server";
import { OFF_POLICY, onpolicyRows } from "./onpolicy-fixtures";

// On-policyness journey: import real ProcessBench attempts with interventions -> analysis page ->
// score them (the stub server answers /v1/completions with fake prompt_logprobs) -> the NLL
// distribution, the summary and the outlier -> the review screen shows an intervention's NLL and
// the outlier badge. Then a server without prompt_logprobs: the panel says so.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB = `./data/e2e-${PORT}.db`;

let stub: StubModel;
test.beforeAll(async () => {
  stub = await startStubModel();
});
test.afterAll(() => stub.close());

async function importRows(request: APIRequestContext, count: number): Promise<{ datasetId: string; name: string }> {
  const name = `onpolicy-e2e-${randomUUID().slice(0, 8)}`;
  const res = await request.post("/api/import?wait=1", {
    multipart: {
      dataset: name,
      format: "int",
      file: {
        name: "rows.jsonl",
        mimeType: "application/x-ndjson",
        buffer: Buffer.from(onpolicyRows(count, name).join("\n") + "\n"),
      },
    },
  });
  const body = await res.json();
  expect(body.ok, JSON.stringify(body)).toBe(true);
  const db = new Database(DB);
  const now = new Date().toISOString();
  const set = db.prepare(
    `INSERT INTO "Setting" (key, value, updatedAt) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  set.run("model.baseUrl", stub.url, now);
  set.run("model.name", "stub-model", now);
  db.close();
  return { datasetId: body.summary.datasetId, name };
}

test("score interventions -> NLL distribution with the outlier -> NLL and badge on the review screen", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  stub.setScript({});
  const { datasetId } = await importRows(request, 8);
  await page.goto(`/datasets/${datasetId}/analysis`);
  const panel = page.getByRole("region", { name: "On-policyness" });
  await expect(panel.getByText("No intervention is scored yet: 8 can be scored.")).toBeVisible();
  await panel.getByRole("button", { name: "Score on-policyness" }).click();
  await expect(panel.getByText("Scoring job started: 8 intervention(s).")).toBeVisible({ timeout: 30_000 });

  // the job settles, the panel reloads with the distribution
  await expect(panel.getByTestId("onpolicy-outliers")).toHaveText("1", { timeout: 60_000 });
  const summary = panel.getByLabel("NLL summary");
  await expect(summary).toContainText("8 / 8");
  await expect(panel.getByText(/Outlier rule: mean NLL above Q3 \+ 1\.5 × IQR/)).toBeVisible();
  const chart = panel.getByRole("region", { name: "Mean NLL of interventions" });
  await expect(chart.locator("svg[data-chart]")).toBeVisible();
  await expect(chart.locator("rect.chart-bar").first()).toBeVisible();
  const top = panel.getByRole("list", { name: "Top outliers" });
  await expect(top.getByRole("listitem")).toHaveCount(1);
  await expect(top).toContainText(OFF_POLICY);
  await page.screenshot({ path: "test-results/onpolicy-analysis.png", fullPage: true });

  // the outlier's review screen: its NLL, token count and the badge
  await top.getByRole("link").click();
  await expect(page).toHaveURL(/\/traces\//);
  const card = page.getByTestId("intervention").filter({ hasText: OFF_POLICY });
  const score = card.getByTestId("onpolicy-score");
  await expect(score).toContainText(/NLL \d+\.\d{3}/);
  await expect(score).toContainText(/\(\d+ tok\)/);
  await expect(score.getByText("outlier", { exact: true })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/onpolicy-review.png" });

  // an on-policy one: a score, no badge
  const db = new Database(DB, { readonly: true });
  const calmTrace = db
    .prepare(
      `SELECT t.id FROM Trace t JOIN Intervention i ON i.traceId = t.id WHERE t.datasetId = ? AND i.content <> ? LIMIT 1`,
    )
    .get(datasetId, OFF_POLICY) as { id: string };
  db.close();
  await page.goto(`/datasets/${datasetId}/traces/${calmTrace.id}`);
  const calm = page.getByTestId("intervention").first().getByTestId("onpolicy-score");
  await expect(calm).toContainText(/NLL 0\.\d{3}/);
  await expect(calm.getByText("outlier")).toHaveCount(0);
});

test("a model server without prompt_logprobs: the panel says on-policyness cannot be computed", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  const { datasetId } = await importRows(request, 3);
  stub.setScript({ promptLogprobs: "off" });
  try {
    await page.goto(`/datasets/${datasetId}/analysis`);
    const panel = page.getByRole("region", { name: "On-policyness" });
    await panel.getByRole("button", { name: "Score on-policyness" }).click();
    await expect(panel.getByRole("alert")).toContainText(
      "this model server does not return prompt log-probabilities (vLLM's prompt_logprobs); on-policyness cannot be computed",
      { timeout: 60_000 },
    );
    await expect(panel.getByLabel("NLL summary")).toHaveCount(0);
    await page.screenshot({ path: "test-results/onpolicy-unsupported.png", fullPage: true });
  } finally {
    stub.setScript({});
  }
});
