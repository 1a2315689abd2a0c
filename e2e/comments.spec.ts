import { expect, test } from "@playwright/test";
import { importRows, ROW } from "./propose-fixtures";

// Issue 13 §4 in the browser (single-user server: the actor is the header name "e2e", role admin):
// a step-anchored comment shows a marker on its step, is edited (history kept), resolved and
// reopened; the list filters by "has open comments"; a hostile comment runs nothing.

const HOSTILE =
  '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> $\\href{javascript:window.__pwned=3}{click}$ [x](javascript:window.__pwned=4)';

test("comment on a step: marker, edit, resolve, reopen, list filter; a hostile comment runs nothing", async ({
  page,
}) => {
  const name = `comments-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const { datasetId, traces } = importRows(name, [
    { ...ROW(101), intervention: { location: 2, content: "Multiply first: $3\\cdot 4 = 12$." } },
    ROW(102),
    ROW(103),
  ]);
  const [t1, t2] = traces;
  await page.addInitScript(() => ((window as unknown as { __pwned: number }).__pwned = 0));
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });

  await page.goto(`/datasets/${datasetId}/traces/${t1.id}`);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  const thread = page.getByRole("region", { name: "Comments" });
  await expect(thread).toContainText("none yet");

  // add a comment anchored to step 2: it shows in the thread and as a marker on step 2
  await thread.getByLabel("New comment").fill("Is the sign in step 2 right? $3\\cdot 4$");
  await thread.getByLabel("Comment on").selectOption({ label: "step 2" });
  await thread.getByRole("button", { name: "Add comment" }).click();
  const item = thread.getByRole("listitem", { name: "Comment by e2e on step 2" });
  await expect(item).toContainText("Is the sign in step 2 right?");
  await expect(item.locator(".katex")).toBeVisible(); // the same math rendering as the trace
  await expect(page.getByLabel("step 2: 1 open comment")).toBeVisible();
  await expect(page.locator('[data-step="1"]').getByLabel(/comment/)).toHaveCount(0);

  // edit: the new text shows, the earlier one is kept in the history
  await item.getByRole("button", { name: "Edit" }).click();
  await item.getByLabel("Edit comment").fill("The order of operations in step 2 is wrong.");
  await item.getByRole("button", { name: "Save edit" }).click();
  await expect(item).toContainText("The order of operations in step 2 is wrong.");
  await item.getByText("edited once").click();
  await expect(item.locator("pre")).toHaveText("Is the sign in step 2 right? $3\\cdot 4$");

  // resolve, then reopen: the badge and the step marker follow
  await item.getByRole("button", { name: "Resolve" }).click();
  await expect(item).toContainText("resolved by e2e");
  await expect(page.getByLabel("step 2: 1 resolved comment")).toBeVisible();
  await item.getByRole("button", { name: "Reopen" }).click();
  await expect(item.getByText("open", { exact: true })).toBeVisible();
  await expect(page.getByLabel("step 2: 1 open comment")).toBeVisible();

  // a comment on the intervention: a badge on it in the Interventions panel
  await thread.getByLabel("Comment on").selectOption({ label: "intervention at step 2 (proposed)" });
  await thread.getByLabel("New comment").fill("Good fix; say why multiplication binds tighter.");
  await thread.getByRole("button", { name: "Add comment" }).click();
  await expect(thread.getByRole("listitem", { name: "Comment by e2e on intervention at step 2" })).toContainText(
    "binds tighter",
  );
  await expect(
    page.getByRole("region", { name: "Interventions" }).getByLabel("intervention at step 2: 1 open comment"),
  ).toBeVisible();
  await thread
    .getByRole("listitem", { name: "Comment by e2e on intervention at step 2" })
    .getByRole("button", { name: "Resolve" })
    .click();
  await expect(
    page.getByRole("region", { name: "Interventions" }).getByLabel("intervention at step 2: 1 resolved comment"),
  ).toBeVisible();

  // a hostile comment on the whole trace shows as text and runs nothing
  await thread.getByLabel("Comment on").selectOption({ label: "the whole trace" });
  await thread.getByLabel("New comment").fill(HOSTILE);
  await thread.getByRole("button", { name: "Add comment" }).click();
  const hostile = thread.getByRole("listitem", { name: "Comment by e2e", exact: true });
  await expect(hostile).toContainText("<script>window.__pwned = 1</script>");
  await expect(hostile.locator("script, img, a")).toHaveCount(0);
  const url = page.url();
  await hostile.locator(".katex-html").click();
  expect(page.url()).toBe(url);

  // survives a reload (stored, rendered by the server this time)
  await page.reload();
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await expect(page.getByLabel("step 2: 1 open comment")).toBeVisible();
  await expect(page.getByRole("region", { name: "Comments" })).toContainText("2 open of 3");
  await page.getByRole("region", { name: "Comments" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/e2e-comments.png" });
  expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
  expect(dialogs).toBe(0);

  // the list: "has open comments" keeps only this trace, and is in the URL
  await page.goto(`/datasets/${datasetId}`);
  await expect(page.getByRole("row")).toHaveCount(4); // header + 3 traces
  await page.getByLabel("Comments").selectOption({ label: "has open comments" });
  await expect(page).toHaveURL(/comments=open/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await page.screenshot({ path: "test-results/e2e-comments-list.png" });
  await expect(page.getByRole("row").nth(1).locator(`a[href*="${t1.id}"]`).first()).toBeVisible();
  await expect(page.locator(`a[href*="${t2.id}"]`)).toHaveCount(0);
});
