import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { startStubModel, type StubModel } from "./stub-model/server";
import { DB_FILE, setModel } from "./propose-fixtures";

// Issue 11 §2 on /settings: the saved key is sent only to the URL it was saved for. Two stub
// servers (test tools on 127.0.0.1): A is the saved endpoint; B ("another server") records every
// Authorization header it gets and must never see A's key, whatever is typed in the form.
let a: StubModel;
let b: StubModel;
const KEY = `sk-e2e-${randomUUID().slice(0, 8)}`;
const MODEL = `key-e2e-${randomUUID().slice(0, 6)}`;

function clearModelRows() {
  const db = new Database(DB_FILE);
  db.prepare("DELETE FROM Setting WHERE key LIKE 'model.%'").run();
  db.close();
}

test.beforeAll(async () => {
  [a, b] = await Promise.all([
    startStubModel({ models: [MODEL, "other-model"] }),
    startStubModel({ models: ["b-model"] }),
  ]);
});
test.afterAll(async () => {
  clearModelRows(); // the next journeys start from "no model" and no saved key
  await Promise.all([a.close(), b.close()]);
});

test("a different URL is refused without its key; the saved key never reaches it; a wrong name is not connected", async ({
  page,
}) => {
  setModel(null);
  clearModelRows();
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Model endpoint", exact: true });
  const result = form.getByRole("status", { name: "Connection test" });

  // save A with its key
  await form.getByLabel("Base URL").fill(a.url);
  await form.getByLabel("Model name").fill(MODEL);
  await form.getByLabel("API key").fill(KEY);
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(form.getByLabel("API key")).toHaveValue("");

  // type B's URL and press Test: B is not contacted with A's key; the test asks for B's key
  await form.getByLabel("Base URL").fill(b.url);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toBeVisible();
  expect(
    b
      .hits()
      .map((h) => h.authorization)
      .filter(Boolean),
  ).toEqual([]);
  await expect(result).toContainText(`The saved API key is sent only to ${a.url}. To test ${b.url}, type its API key`);

  // saving B while keeping A's key is refused too; nothing changes
  await form.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    form.getByText(`The saved API key belongs to ${a.url}; it is never sent to another server.`),
  ).toBeVisible();
  await expect(form.getByText("Not saved: the API key field says why.")).toBeVisible();
  expect(
    b
      .hits()
      .map((h) => h.authorization)
      .filter(Boolean),
  ).toEqual([]);
  await page.screenshot({ path: "test-results/settings-key-refused.png", fullPage: true });

  // back at A: the key is sent there, and the hint says where it goes
  await page.reload();
  await expect(form.getByText(`A key is saved for ${a.url}`)).toBeVisible();
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText(`Connected: ${a.url}/models answered HTTP 200`);
  expect(a.hits().at(-1)?.authorization).toBe(`Bearer ${KEY}`);

  // a wrong model name at A: reachable, but not "connected"; the served names are offered
  await form.getByLabel("Base URL").fill(a.url);
  await form.getByLabel("Model name").fill("no-such-model");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText(`"no-such-model" is not among them. Served: ${MODEL}, other-model`);
  await expect(result).not.toContainText("Connected:");
  await result.getByRole("button", { name: MODEL }).click();
  await expect(form.getByLabel("Model name")).toHaveValue(MODEL);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("Connected:");
  await page.screenshot({ path: "test-results/settings-key-connected.png", fullPage: true });
  expect(b.hits().map((h) => h.authorization)).not.toContain(`Bearer ${KEY}`);
});
