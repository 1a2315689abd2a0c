import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { importTeamDataset, signedIn, teamQuery, TEAM_DB_FILE, uniqueName } from "./team-fixtures";

// Issue 13 §2, the review task: a curator makes a review queue (traces with interventions waiting for a decision), a
// second curator works it with the keys (a accept, r reject, c edit, Shift+A done and next), every decision is stored
// and audited under their name, the queue ends on the done screen with their counts and the queue page counts them.
// An annotator sees the queue but cannot work it: accepting, editing and rejecting are the curator's (issue 13 §1).

const ITEM = /\/queues\/[^/]+\/items\/([^/?#]+)$/;

/** Model interventions, proposed, written straight in the DB (as a propose job would leave them). */
function seedInterventions(rows: { traceId: string; location: number; content: string }[]) {
  const db = new Database(TEAM_DB_FILE);
  const now = new Date().toISOString();
  const add = db.prepare(
    `INSERT INTO "Intervention" ("id", "traceId", "location", "content", "origin", "author", "contentHash", "updatedAt") VALUES (?, ?, ?, ?, 'model', 'stub-model', ?, ?)`,
  );
  for (const r of rows) {
    add.run(randomUUID(), r.traceId, r.location, r.content, randomUUID(), now);
    db.prepare(`UPDATE "Trace" SET "hasIntervention" = 1 WHERE "id" = ?`).run(r.traceId);
  }
  db.close();
}

const card = (page: Page, step: number) => page.getByRole("article", { name: `Intervention at step ${step}` });

test("review queue: a curator accepts, rejects and edits with the keys; decisions stored and audited; done screen and progress", async ({
  browser,
}) => {
  const ds = importTeamDataset("review", 3);
  const [two, one] = [ds.traces[0].id, ds.traces[1].id]; // the third trace has no intervention: not in the queue
  const tag = randomUUID().slice(0, 8);
  seedInterventions([
    { traceId: two, location: 2, content: `Multiply first: $3\\cdot 4 = 12$. (${tag}-a)` },
    { traceId: two, location: 3, content: `Then add. (${tag}-b)` },
    { traceId: one, location: 2, content: `Add $3$ first. (${tag}-c)` },
  ]);

  const owner = await signedIn(browser, uniqueName("cur"), "curator");
  const op = await owner.newPage();
  await op.goto(`/datasets/${ds.datasetId}/queues`);
  const name = `review ${tag}`;
  const form = op.getByRole("form", { name: "New queue" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Task").selectOption("review");
  await form.getByRole("button", { name: "Create queue" }).click();
  await op.waitForURL(/\/queues\/[^/]+$/);
  const queuePath = new URL(op.url()).pathname;
  const queueId = queuePath.split("/")[2];
  await expect(op.getByTestId("queue-progress")).toContainText("0 of 2 items done");

  // an annotator sees the queue, not a Start button
  const ann = await (await signedIn(browser, uniqueName("ann"), "annotator")).newPage();
  await ann.goto(queuePath);
  await expect(ann.getByRole("heading", { name })).toBeVisible();
  await expect(ann.getByText("Working this queue needs the curator role.")).toBeVisible();
  await expect(ann.getByRole("button", { name: "Start" })).toHaveCount(0);

  const reviewer = uniqueName("rev");
  const rp = await (await signedIn(browser, reviewer, "curator")).newPage();
  await rp.goto(queuePath);
  await rp.getByRole("button", { name: "Start" }).click();
  const worked: string[] = [];
  for (let i = 0; i < 4; i++) {
    await rp.waitForURL(/\/queues\/[^/]+\/(items\/[^/]+|done)$/);
    const m = ITEM.exec(new URL(rp.url()).pathname);
    if (!m) break;
    worked.push(m[1]);
    await expect(rp.getByRole("region", { name: "Trace steps" })).toBeVisible(); // the steps the interventions replace
    if (m[1] === two) {
      await expect(card(rp, 2)).toHaveAttribute("aria-current", "true");
      await rp.keyboard.press("a");
      await expect(card(rp, 2).getByTestId("iv-status")).toHaveText("accepted");
      // the focus moved to the one still proposed; done is refused while it waits
      await expect(card(rp, 3)).toHaveAttribute("aria-current", "true");
      await rp.keyboard.press("Shift+A");
      await expect(rp.getByRole("status")).toContainText("Decide every intervention first: 1 still proposed");
      await rp.screenshot({ path: "test-results/review-queue-item.png", fullPage: true });
      await rp.keyboard.press("r");
      await expect(card(rp, 3).getByTestId("iv-status")).toHaveText("rejected");
    } else {
      await rp.keyboard.press("c");
      const box = card(rp, 2).getByLabel("Intervention text");
      await expect(box).toBeFocused();
      await box.fill(`Multiply before adding. (${tag}-edited)`);
      await box.press("Control+Enter");
      await expect(card(rp, 2).getByTestId("iv-status")).toHaveText("edited");
    }
    await rp.keyboard.press("Shift+A");
    await rp.waitForURL((u) => !u.pathname.endsWith(`/items/${m[1]}`));
  }
  expect([...worked].sort()).toEqual([two, one].sort());
  await expect(rp.getByRole("heading", { name: `Done: nothing left for you in “${name}”` })).toBeVisible();
  await expect(rp.getByTestId("my-counts")).toContainText("You completed 2 items, skipped 0");
  await rp.screenshot({ path: "test-results/review-queue-done.png", fullPage: true });

  // decisions stored, under the reviewer's name, and audited
  const ivs = teamQuery<{
    traceId: string;
    location: number;
    status: string;
    content: string;
    originalContent: string;
  }>(
    `SELECT traceId, location, status, content, originalContent FROM Intervention WHERE traceId IN (?, ?) ORDER BY traceId = ?, location`,
    two,
    one,
    one,
  );
  expect(ivs.map((i) => [i.traceId, i.location, i.status])).toEqual([
    [two, 2, "accepted"],
    [two, 3, "rejected"],
    [one, 2, "edited"],
  ]);
  expect(ivs[2]).toMatchObject({
    content: `Multiply before adding. (${tag}-edited)`,
    originalContent: `Add $3$ first. (${tag}-c)`,
  });
  const audit = teamQuery<{ action: string; traceId: string }>(
    `SELECT action, traceId FROM AuditEvent WHERE actor = ? AND action LIKE 'intervention.%' ORDER BY action`,
    reviewer,
  );
  expect(audit).toEqual([
    { action: "intervention.accept", traceId: two },
    { action: "intervention.edit", traceId: one },
    { action: "intervention.reject", traceId: two },
  ]);
  expect(
    teamQuery<{ n: number }>(
      `SELECT COUNT(*) AS n FROM QueueCompletion WHERE queueId = ? AND annotator = ?`,
      queueId,
      reviewer,
    ),
  ).toEqual([{ n: 2 }]);
  await op.reload();
  await expect(op.getByTestId("queue-progress")).toContainText("2 of 2 items done");
  const row = op.getByRole("row", { name: new RegExp(reviewer) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("2"); // done
  await expect(row.getByRole("cell").nth(2)).toHaveText("0"); // in progress
});
