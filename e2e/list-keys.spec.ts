import { expect, test, type Page } from "@playwright/test";
import { importDataset } from "./propose-fixtures";

// Journey: the trace list, keyboard only from page load: j/k move a visible row focus, x selects,
// Shift+x extends, ? shows the keys, Enter opens the focused trace; coming back, paging past the
// last row, and a filter change all keep where the focus is.
test.use({ viewport: { width: 1440, height: 1000 } });

const rowIds = async (page: Page) =>
  page.locator("tr[data-trace-id]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-trace-id")!));
const focusedRow = (page: Page) => page.locator('tr[data-focused="true"]');

test("the trace list works from the keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  const ds = importDataset("list-keys-e2e", 52); // two cursor pages (50 + 2)
  await page.goto(`/datasets/${ds.datasetId}`);
  await expect(page.locator("[data-keys-ready='1']")).toBeVisible();
  const ids = await rowIds(page);
  const count = page.getByTestId("selection-count");
  await expect(focusedRow(page)).toHaveAttribute("data-trace-id", ids[0]); // a visible focus from page load

  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(count).toHaveText("1 selected");
  await expect(page.locator(`tr[data-trace-id="${ids[2]}"]`)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("Shift+X"); // extends from trace 3 to trace 5
  await expect(count).toHaveText("3 selected");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toContainText("open the focused trace for review");
  await page.screenshot({ path: "test-results/list-keys-help.png" });
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await page.keyboard.press("Enter"); // opens trace 5
  await expect(page).toHaveURL(new RegExp(`/traces/${ids[4]}`));
  await page.goBack();
  await expect(focusedRow(page)).toHaveAttribute("data-trace-id", ids[4]);

  // past the last row: the next page, focus on its first row; k from there: back to row 50
  for (let i = 4; i < 49; i++) await page.keyboard.press("j");
  await expect(focusedRow(page)).toHaveAttribute("data-trace-id", ids[49]);
  await page.keyboard.press("j");
  await expect(page).toHaveURL(/cursor=/);
  const page2 = await rowIds(page);
  await expect(focusedRow(page)).toHaveAttribute("data-trace-id", page2[0]);
  await page.keyboard.press("k");
  await expect(page).toHaveURL(/dir=prev/);
  await expect(focusedRow(page)).toHaveAttribute("data-trace-id", ids[49]);

  // / goes to the search; a filter that keeps the focused trace keeps the focus on it
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search text")).toBeFocused();
  await page.keyboard.type("Compute");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=Compute/);
  await expect(focusedRow(page)).toHaveAttribute("data-trace-id", ids[49]);
});

test("n on the last trace of a filtered list says so, with its counts and the way back", async ({ page }) => {
  const ds = importDataset("end-of-list-e2e", 3);
  const q = encodeURIComponent("Compute $3+3");
  await page.goto(`/datasets/${ds.datasetId}?q=${q}`);
  await expect(page.locator("[data-keys-ready='1']")).toBeVisible();
  await expect(page.locator("tr[data-trace-id]")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await page.keyboard.press("n");
  const end = page.getByRole("status", { name: "End of the list" });
  await expect(end).toContainText("End of the filtered list");
  await expect(end.getByTestId("end-counts")).toHaveText("1 trace: 0 curated, 0 labelled, 1 to do.");
  await page.screenshot({ path: "test-results/end-of-list.png" });
  await end.getByRole("link", { name: /Back to the list/ }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${ds.datasetId}\\?q=`));
});
