import { expect, test } from "@playwright/test";
import { importTeamDataset, signedIn, teamQuery, uniqueName } from "./team-fixtures";

// On a team server a person's labels from the review screen are written by the writer thread (lib/data/label-submit.ts),
// off the event loop everybody's requests share. The first label starts the thread and is written on the server
// thread meanwhile; the later ones go through the thread. Either way: each is saved, shown, audited and kept.

test("an annotator labels traces with the keys on the review screen of the team server: every label kept and audited", async ({
  browser,
}) => {
  const ds = importTeamDataset("team-review", 5);
  const name = uniqueName("rev");
  const ctx = await signedIn(browser, name, "annotator");
  const page = await ctx.newPage();
  for (const [i, t] of ds.traces.entries()) {
    await page.goto(`/datasets/${ds.datasetId}/traces/${t.id}`);
    await expect(page.locator("[data-ready='1']")).toBeVisible(); // hydrated: the keys are listened to
    const step = (i % 3) + 1;
    for (let k = 1; k < step; k++) await page.keyboard.press("j");
    await expect(page.locator(`[data-step="${step}"]`)).toHaveAttribute("aria-current", "step");
    await page.keyboard.press("e");
    await expect(page.getByRole("status")).toHaveText(`Marked step ${step} as first error`);
    await expect(page.getByTestId("my-label")).toHaveText(`You: step ${step}`);
  }
  // a second look at each: the label the server kept
  for (const [i, t] of ds.traces.entries()) {
    await page.goto(`/datasets/${ds.datasetId}/traces/${t.id}`);
    await expect(page.getByTestId("my-label")).toHaveText(`You: step ${(i % 3) + 1}`);
  }
  await page.screenshot({ path: test.info().outputPath("team-review-label.png"), fullPage: true });
  const rows = teamQuery<{ traceId: string; step: number }>(
    `SELECT "traceId", "step" FROM "FirstErrorLabel" WHERE "source" = 'human' AND "annotator" = ? ORDER BY "traceId"`,
    name,
  );
  const want = ds.traces
    .map((t, i) => ({ traceId: t.id, step: (i % 3) + 1 }))
    .sort((a, b) => a.traceId.localeCompare(b.traceId));
  expect(rows).toEqual(want);
  const audited = teamQuery<{ n: number }>(
    `SELECT COUNT(*) AS n FROM "AuditEvent" WHERE "actor" = ? AND "action" = 'label.set'`,
    name,
  );
  expect(audited[0].n).toBe(5);
  await ctx.close();
});
