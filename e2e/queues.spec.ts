import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { importTeamDataset, signedIn, teamQuery, TEAM_DB_FILE } from "./team-fixtures";

// Issue 13 §2/§3: two annotators work an overlap-2 label queue at the same time. They never hold
// the same item at once, both labels of every item are stored, labels stay blind, and each ends
// on the done screen with their counts.

const ITEM = /\/queues\/[^/]+\/items\/([^/?#]+)$/;

/** Label every item I get (mark step 2, Shift+A) until the done screen; the trace ids in order. */
/** Who else holds this item right now (the reservation rows; the other page's URL may lag behind its submit). */
function otherHolders(queueId: string, traceId: string, me: string): string[] {
  const now = new Date().toISOString().replace("Z", "+00:00");
  return teamQuery<{ annotator: string }>(
    `SELECT annotator FROM QueueReservation WHERE queueId = ? AND traceId = ? AND annotator <> ? AND endedAt IS NULL AND expiresAt > ?`,
    queueId,
    traceId,
    me,
    now,
  ).map((r) => r.annotator);
}

async function workQueue(page: Page, me: string, shot?: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.waitForURL(/\/queues\/[^/]+\/(items\/[^/]+|done)$/);
    const m = ITEM.exec(new URL(page.url()).pathname);
    if (!m) {
      // the other person holds an item I still have to do: "Check again" until it is mine or I am done
      const again = page.getByRole("button", { name: "Check again" });
      const heading = page.getByRole("heading", { name: /^(Done: nothing left|Nothing free for you right now)/ });
      await expect(heading).toBeVisible();
      if (!(await again.isVisible())) return seen;
      await again.click();
      await expect(page.getByRole("button", { name: "Taking the next item…" })).toHaveCount(0);
      await expect
        .poll(
          async () =>
            ITEM.test(new URL(page.url()).pathname) || (await again.isVisible()) || (await heading.isVisible()),
        )
        .toBe(true);
      continue;
    }
    const traceId = m[1];
    const queueId = new URL(page.url()).pathname.split("/")[2];
    expect(otherHolders(queueId, traceId, me), "nobody else holds the item I am on").toEqual([]);
    seen.push(traceId);
    // blind: the imported label is on this trace, but neither its mark nor any other label is shown
    await expect(page.getByRole("button", { name: "Mark step 2 as first error" })).toBeVisible();
    await expect(page.getByLabel("imported first-error label")).toHaveCount(0);
    await expect(page.getByLabel("Other labels")).toHaveCount(0);
    await page.getByRole("button", { name: "Mark step 2 as first error" }).click();
    await expect(page.getByTestId("my-choice")).toHaveText("First error: step 2");
    if (shot && seen.length === 1) await page.screenshot({ path: shot, fullPage: true });
    await page.keyboard.press("Shift+A");
    await page.waitForURL((u) => !u.pathname.endsWith(`/items/${traceId}`));
  }
  throw new Error("the queue never ended");
}

test("two annotators on an overlap-2 label queue: never the same item at once, both labels stored, done screens", async ({
  browser,
}) => {
  const ds = importTeamDataset("queue", 3);
  const imported = ds.traces[0].id;
  const db = new Database(TEAM_DB_FILE);
  db.prepare(
    `INSERT INTO "FirstErrorLabel" ("id", "traceId", "step", "source", "annotator", "updatedAt") VALUES (?, ?, 1, 'imported', '', ?)`,
  ).run(randomUUID(), imported, new Date().toISOString());
  db.close();

  const curator = await signedIn(browser, `cur-${randomUUID().slice(0, 6)}`, "curator");
  const cp = await curator.newPage();
  await cp.goto(`/datasets/${ds.datasetId}/queues`);
  const name = `label x2 ${randomUUID().slice(0, 6)}`;
  const form = cp.getByRole("form", { name: "New queue" });
  await expect(form).toBeVisible();
  await cp.screenshot({ path: "test-results/queue-list.png", fullPage: true });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Overlap (people per item)").fill("2");
  await form.getByRole("button", { name: "Create queue" }).click();
  await cp.waitForURL(/\/queues\/[^/]+$/);
  await expect(cp.getByRole("heading", { name })).toBeVisible();
  const queueUrl = new URL(cp.url()).pathname;

  const [ann, bob] = [`ann-${randomUUID().slice(0, 6)}`, `bob-${randomUUID().slice(0, 6)}`];
  const [pa, pb] = await Promise.all([ann, bob].map(async (n) => (await signedIn(browser, n, "annotator")).newPage()));
  await Promise.all([pa.goto(queueUrl), pb.goto(queueUrl)]);
  // both press Start at the same moment
  await Promise.all([
    pa.getByRole("button", { name: "Start" }).click(),
    pb.getByRole("button", { name: "Start" }).click(),
  ]);
  await Promise.all([pa.waitForURL(ITEM), pb.waitForURL(ITEM)]);
  const holding = (p: Page) => () => ITEM.exec(new URL(p.url()).pathname)?.[1] ?? null;
  expect(holding(pa)()).not.toBe(holding(pb)());

  const [sa, sb] = await Promise.all([workQueue(pa, ann, "test-results/queue-item.png"), workQueue(pb, bob)]);
  expect([...sa].sort()).toEqual(ds.traces.map((t) => t.id).sort());
  expect([...sb].sort()).toEqual(ds.traces.map((t) => t.id).sort());

  for (const p of [pa, pb]) {
    await expect(p.getByRole("heading", { name: `Done: nothing left for you in “${name}”` })).toBeVisible();
    await expect(p.getByTestId("my-counts")).toContainText("You completed 3 items, skipped 0");
  }
  await pa.screenshot({ path: "test-results/queue-done.png", fullPage: true });
  const labels = teamQuery<{ annotator: string; step: number }>(
    `SELECT l.annotator, l.step FROM FirstErrorLabel l JOIN Trace t ON t.id = l.traceId WHERE t.datasetId = ? AND l.source = 'human' ORDER BY l.annotator`,
    ds.datasetId,
  );
  expect(labels).toEqual([
    ...Array(3).fill({ annotator: ann, step: 2 }),
    ...Array(3).fill({ annotator: bob, step: 2 }),
  ]);
  await cp.reload();
  await expect(cp.getByTestId("queue-progress")).toContainText("3 of 3 items done");
  await cp.screenshot({ path: "test-results/queue-progress.png", fullPage: true });
});
