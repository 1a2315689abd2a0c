import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { unique, uploadRows } from "./upload-fixtures";

// Journey: a dataset's life cycle from its page: rename it, then delete it after a confirmation
// that names what goes (with counts) and needs the name typed.

const PB = JSON.parse(readFileSync("../shared/data/processbench/gsm8k.json", "utf8")) as Record<string, unknown>[];

test("rename a dataset, then delete it with a confirmation that names what goes", async ({ page }) => {
  const name = unique("e2e-life");
  await uploadRows(page, name, "five.json", PB.slice(0, 5));
  await page.getByRole("link", { name: "Open the dataset" }).click();
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();

  const renamed = `${name}-renamed`;
  await page.getByRole("button", { name: "Rename" }).click();
  const rename = page.getByRole("dialog", { name: "Rename dataset" });
  await rename.getByLabel("New name").fill(renamed);
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { name: renamed, exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Delete…" }).click();
  const del = page.getByRole("dialog", { name: `Delete “${renamed}”?` });
  await expect(del.getByTestId("delete-footprint")).toContainText("5 problems and 5 traces");
  await expect(del.getByTestId("delete-footprint")).toContainText("5 first-error labels"); // ProcessBench's imported labels
  const confirm = del.getByRole("button", { name: "Delete dataset" });
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Dataset name to confirm").fill(name); // the old name does not do
  await expect(confirm).toBeDisabled();
  await del.getByLabel("Dataset name to confirm").fill(renamed);

  await confirm.click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: renamed })).toHaveCount(0);
});
