import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { importTeamDataset, signedIn, TEAM_DB_FILE, uniqueName } from "./team-fixtures";

// Issue 13 §3: blind holds beyond the queue screens. An annotator who still has to label a trace in a blind label
// queue opens its review page straight by URL: no other person's, model's or imported label is on the page, nor in
// what the server sent (HTML + RSC payload, the JSON routes); a notice names the queue. After submitting the item in
// the queue the same page shows them. A curator who only made the queue sees them all along.

const ITEM = /\/queues\/[^/]+\/items\/([^/?#]+)$/;

/** Another person's label, the imported and the model's label, and a comment naming a step, written straight in the DB. */
function seedLabels(traceId: string, datasetId: string, other: string, model: string, comment: string, iv: string) {
  const db = new Database(TEAM_DB_FILE);
  const now = new Date().toISOString();
  const label = db.prepare(
    `INSERT INTO "FirstErrorLabel" ("id", "traceId", "step", "source", "annotator", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`,
  );
  label.run(randomUUID(), traceId, 3, "human", other, now);
  label.run(randomUUID(), traceId, 1, "imported", "", now);
  label.run(randomUUID(), traceId, 4, "model", model, now);
  db.prepare(`UPDATE "Trace" SET "humanStep" = 3, "status" = 'labelled' WHERE "id" = ?`).run(traceId);
  db.prepare(
    `INSERT INTO "Comment" ("id", "traceId", "datasetId", "step", "author", "body", "updatedAt") VALUES (?, ?, ?, 3, ?, ?, ?)`,
  ).run(randomUUID(), traceId, datasetId, other, comment, now);
  // the model's intervention at its step: where it starts is the model's label
  db.prepare(
    `INSERT INTO "Intervention" ("id", "traceId", "location", "content", "origin", "author", "contentHash", "updatedAt") VALUES (?, ?, 4, ?, 'model', ?, ?, ?)`,
  ).run(iv, traceId, `Check the product. ${iv}`, model, randomUUID(), now);
  db.close();
}

/** What the server sends for a page or a route, as text (the page's HTML carries its RSC payload). */
async function sent(ctx: BrowserContext, path: string): Promise<{ status: number; body: string }> {
  const r = await ctx.request.get(path);
  return { status: r.status(), body: await r.text() };
}

async function labelEveryItem(page: Page): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await page.waitForURL(/\/queues\/[^/]+\/(items\/[^/]+|done)$/);
    const m = ITEM.exec(new URL(page.url()).pathname);
    if (!m) return;
    await page.getByRole("button", { name: "Mark step 2 as first error" }).click();
    await expect(page.getByTestId("my-choice")).toHaveText("First error: step 2");
    await page.keyboard.press("Shift+A");
    await page.waitForURL((u) => !u.pathname.endsWith(`/items/${m[1]}`));
  }
  throw new Error("the queue never ended");
}

test("blind queue: the trace page opened by URL withholds other labels (page, payload, routes) until I submit", async ({
  browser,
}) => {
  const ds = importTeamDataset("blind", 2);
  const trace = ds.traces[0].id;
  const [other, model, comment] = [uniqueName("oth"), uniqueName("model"), `COMMENT-${randomUUID()}`];
  const iv = randomUUID();
  seedLabels(trace, ds.datasetId, other, model, comment, iv);
  const tracePath = `/datasets/${ds.datasetId}/traces/${trace}`;

  const curator = await signedIn(browser, uniqueName("cur"), "curator");
  const cp = await curator.newPage();
  await cp.goto(`/datasets/${ds.datasetId}/queues`);
  const queueName = `blind ${randomUUID().slice(0, 6)}`;
  const form = cp.getByRole("form", { name: "New queue" });
  await form.getByLabel("Name", { exact: true }).fill(queueName);
  await form.getByLabel("Overlap (people per item)").fill("2");
  await form.getByRole("button", { name: "Create queue" }).click();
  await cp.waitForURL(/\/queues\/[^/]+$/);
  const queuePath = new URL(cp.url()).pathname;

  // the curator made the queue but labels in it no item: every label is shown to them
  await cp.goto(tracePath);
  await expect(cp.getByRole("region", { name: "First error label" })).toContainText(`${other}: step 3`);
  await expect(cp.getByTestId("blind-notice")).toHaveCount(0);

  const annCtx = await signedIn(browser, uniqueName("ann"), "annotator");
  const ann = await annCtx.newPage();
  await ann.goto(tracePath);
  const panel = ann.getByRole("region", { name: "First error label" });
  await expect(ann.getByRole("button", { name: "Mark step 2 as first error" })).toBeVisible();
  await expect(panel).not.toContainText(other);
  await expect(ann.getByTestId("blind-notice")).toContainText(
    `Other labels are hidden until you submit this trace in blind queue "${queueName}"`,
  );
  await expect(ann.getByLabel("imported first-error label")).toHaveCount(0);
  await expect(ann.getByLabel("model first-error label")).toHaveCount(0);
  await expect(ann.getByLabel("human first error")).toHaveCount(0);
  // its status ("labelled") would say that someone has labelled it
  await expect(ann.getByTestId("trace-status")).toHaveText("status hidden (blind)");
  await ann.screenshot({ path: "test-results/blind-trace-page.png", fullPage: true });

  // not in what the server sent either: the page (HTML + RSC payload) and the JSON routes
  const page = await sent(annCtx, tracePath);
  expect(page.status).toBe(200);
  for (const secret of [other, model, comment, iv]) expect(page.body).not.toContain(secret);
  const proposals = await sent(annCtx, `/api/traces/${trace}/proposals`);
  expect(proposals.status).toBe(403);
  expect(proposals.body).not.toContain(model);
  const comments = await sent(annCtx, `/api/traces/${trace}/comments`);
  expect(comments.status).toBe(403);
  expect(comments.body).not.toContain(comment);
  for (const path of [`/api/interventions/${iv}/rollouts`, `/api/interventions/${iv}/tokens`])
    expect((await sent(annCtx, path)).status).toBe(403);
  const ivPage = await sent(annCtx, `/interventions/${iv}`);
  expect(ivPage.body).toContain("hidden until you submit");
  expect(ivPage.body).not.toContain("Check the product");
  // the trace list keeps the row but not its label
  await ann.goto(`/datasets/${ds.datasetId}`);
  await expect(ann.getByTestId("blind-label").first()).toBeVisible();
  const hiddenRow = ann.getByRole("row").filter({ has: ann.getByTestId("blind-label") });
  await expect(hiddenRow.first()).not.toContainText("labelled");
  await ann.screenshot({ path: "test-results/blind-list.png", fullPage: true });
  // under a filter on labels the row is left out: being listed there would tell what its labels say
  await ann.goto(`/datasets/${ds.datasetId}?labelled=yes`);
  await expect(ann.getByRole("note")).toContainText("left out: a blind queue hides their labels");
  await expect(ann.getByTestId("blind-label")).toHaveCount(0);
  const list = (await sent(annCtx, `/datasets/${ds.datasetId}`)).body;
  expect(list).not.toContain("step 3");
  expect(list).not.toMatch(/humanStep\\?":3/);

  // submit every item of the queue: then the same page shows the other labels
  await ann.goto(queuePath);
  await ann.getByRole("button", { name: "Start" }).click();
  await labelEveryItem(ann);
  await expect(ann.getByRole("heading", { name: /^Done: nothing left for you/ })).toBeVisible();

  await ann.goto(tracePath);
  await expect(ann.getByTestId("blind-notice")).toHaveCount(0);
  await expect(panel).toContainText(`${other}: step 3`);
  await expect(ann.getByTestId("trace-status")).toHaveText("labelled");
  await expect(panel).toContainText(`model (${model}): step 4`);
  await expect(panel).toContainText("imported");
  await expect(ann.getByLabel("imported first-error label")).toHaveCount(1);
  await expect(ann.getByText(comment)).toBeVisible();
  await expect(ann.getByText(`Check the product. ${iv}`).first()).toBeVisible();
  expect((await sent(annCtx, `/api/interventions/${iv}/rollouts`)).status).toBe(200);
  const after = await sent(annCtx, `/api/traces/${trace}/proposals`);
  expect(after.status).toBe(200);
  expect(after.body).toContain(model);
  await ann.screenshot({ path: "test-results/blind-trace-page-after.png", fullPage: true });

  // the curator who made the queue starts labelling in it: now blind like anyone, on the page and for the export
  await cp.goto(queuePath);
  await cp.getByRole("button", { name: "Start" }).click();
  await cp.waitForURL(ITEM);
  await cp.goto(tracePath);
  await expect(cp.getByTestId("blind-notice")).toContainText(`blind queue "${queueName}"`);
  await expect(cp.getByRole("region", { name: "First error label" })).not.toContainText(other);
  const exported = await sent(curator, `/api/datasets/${ds.datasetId}/export?format=int`);
  expect(exported.status).toBe(403);
  expect((JSON.parse(exported.body) as { error: string }).error).toContain(
    `Export refused while you label in blind queue "${queueName}"`,
  );
  expect(exported.body).not.toContain(other);
});
