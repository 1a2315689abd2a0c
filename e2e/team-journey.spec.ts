import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { importTeamDataset, signedIn, teamQuery } from "./team-fixtures";

// Issue 13, the whole team journey with three people: two annotators label the same items through an overlap-2 label
// queue and disagree; the disagreements appear in an adjudicate queue; the curator sets the final labels there; Analysis
// shows the agreement between the two annotators and against the final labels.

const ITEM = /\/queues\/[^/]+\/items\/([^/?#]+)$/;

async function createQueue(page: Page, datasetId: string, name: string, task: "label" | "adjudicate", overlap: number) {
  await page.goto(`/datasets/${datasetId}/queues`);
  const form = page.getByRole("form", { name: "New queue" });
  await expect(form).toBeVisible();
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Task").selectOption(task);
  await form.getByLabel("Overlap (people per item)").fill(String(overlap));
  await form.getByRole("button", { name: "Create queue" }).click();
  await page.waitForURL(/\/queues\/[^/]+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

/** Start the queue on its page; resolves on the first item's screen. */
async function start(page: Page) {
  await expect(async () => {
    await page.getByRole("button", { name: "Start" }).click({ timeout: 2_000 });
    await page.waitForURL(ITEM, { timeout: 3_000 });
  }).toPass();
}

/** Label every item of a label queue with `step` (Shift+A), until the done screen; the trace ids seen. */
async function labelAll(page: Page, step: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    await page.waitForURL(/\/queues\/[^/]+\/(items\/[^/]+|done)$/);
    const m = ITEM.exec(new URL(page.url()).pathname);
    if (!m) return seen;
    seen.push(m[1]);
    await page.getByRole("button", { name: `Mark step ${step} as first error` }).click();
    await expect(page.getByTestId("my-choice")).toHaveText(`First error: step ${step}`);
    await page.keyboard.press("Shift+A");
    await page.waitForURL((u) => !u.pathname.endsWith(`/items/${m[1]}`));
  }
  throw new Error("the label queue never ended");
}

test("two annotators disagree in a label queue, the curator adjudicates them in an adjudicate queue, Analysis shows the agreement", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const ds = importTeamDataset("team", 2);
  const tag = randomUUID().slice(0, 6);
  const [ann, bob, cur] = [`ann-${tag}`, `bob-${tag}`, `cur-${tag}`];
  const curator = await (await signedIn(browser, cur, "curator")).newPage();
  await createQueue(curator, ds.datasetId, `label ${tag}`, "label", 2);
  const labelQueue = new URL(curator.url()).pathname;

  const [pa, pb] = await Promise.all([ann, bob].map(async (n) => (await signedIn(browser, n, "annotator")).newPage()));
  await pa.goto(labelQueue);
  await start(pa);
  expect((await labelAll(pa, 2)).sort()).toEqual(ds.traces.map((t) => t.id).sort());
  await pb.goto(labelQueue);
  await start(pb);
  expect((await labelAll(pb, 3)).sort()).toEqual(ds.traces.map((t) => t.id).sort());

  // The disagreements (2 vs 3 on both traces) are the adjudicate queue's items.
  await createQueue(curator, ds.datasetId, `adjudicate ${tag}`, "adjudicate", 1);
  await expect(curator.getByTestId("queue-progress")).toContainText("0 of 2 items done");
  await start(curator);
  for (let i = 0; i < 2; i++) {
    const traceId = ITEM.exec(new URL(curator.url()).pathname)![1];
    const panel = curator.getByRole("region", { name: "Adjudicate", exact: true });
    const labels = panel.getByRole("table", { name: "labels" });
    await expect(labels.getByRole("row").filter({ hasText: ann })).toContainText("step 2");
    await expect(labels.getByRole("row").filter({ hasText: bob })).toContainText("step 3");
    await panel.getByRole("button", { name: `Take ${bob}'s label` }).click();
    await expect(panel.getByRole("radio", { name: "step 3" })).toBeChecked();
    if (i === 0)
      await curator.screenshot({ path: test.info().outputPath("adjudicate-queue-item.png"), fullPage: true });
    await expect(async () => {
      await panel.getByRole("button", { name: "Set final label: step 3" }).click({ timeout: 2_000 });
      await curator.waitForURL((u) => !u.pathname.endsWith(`/items/${traceId}`), { timeout: 3_000 });
    }).toPass();
  }
  await expect(curator.getByRole("heading", { name: /^Done: nothing left for you/ })).toBeVisible();

  const finals = teamQuery<{ step: number }>(
    `SELECT l.step FROM FirstErrorLabel l JOIN Trace t ON t.id = l.traceId WHERE t.datasetId = ? AND l.source = 'final'`,
    ds.datasetId,
  );
  expect(finals).toEqual([{ step: 3 }, { step: 3 }]);
  const audited = teamQuery<{ actor: string }>(
    `SELECT actor FROM AuditEvent WHERE action = 'label.final' AND traceId IN (SELECT id FROM Trace WHERE datasetId = ?)`,
    ds.datasetId,
  );
  expect(audited).toEqual([{ actor: cur }, { actor: cur }]);

  await curator.goto(`/datasets/${ds.datasetId}/analysis`);
  const section = curator.getByRole("region", { name: "Agreement between annotators" });
  const row = (table: string, rater: string, reference: string) =>
    curator.getByRole("table", { name: table }).getByRole("row", { name: new RegExp(`^${rater} ${reference} `) });
  await expect(row("Per pair of raters", ann, bob)).toContainText("0.0% (0/2)"); // exact
  await expect(row("Per pair of raters", ann, bob)).toContainText("100.0% (2/2)"); // within one step
  await expect(row("Per rater against the final label", bob, "final label")).toContainText("100.0% (2/2)");
  await expect(row("Per rater against the final label", ann, "final label")).toContainText("0.0% (0/2)");
  await section.screenshot({ path: test.info().outputPath("team-agreement.png") });
});
