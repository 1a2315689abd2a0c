import { expect, test } from "@playwright/test";
import { startStubModel, type StubModel } from "./stub-model/server";
import { setModel } from "./propose-fixtures";

// Settings journey: no model -> one-line hint; point at an OpenAI-compatible server (the stub,
// a test tool), "Test connection" lists its models, save; edit the template -> a new version.
let stub: StubModel;
test.beforeAll(async () => {
  stub = await startStubModel({ models: ["stub-model", "other-model"] });
});
test.afterAll(() => stub.close());

test("configure the model endpoint and version the verifier template", async ({ page }) => {
  // Journeys share one database and earlier ones point the app at a stub: start from "no model".
  setModel(null);
  await page.goto("/settings");
  const base = page.getByRole("form", { name: "Model endpoint", exact: true }); // the trained model's form is below it
  await expect(page.getByTestId("model-status")).toContainText("No model configured");
  await expect(page.getByTestId("model-status")).toContainText("vllm serve");

  await base.getByLabel("Base URL").fill("http://127.0.0.1:1/v1");
  await base.getByRole("button", { name: "Test connection" }).click();
  await expect(base.getByRole("status", { name: "Connection test" })).toContainText("unreachable");

  await base.getByLabel("Base URL").fill(stub.url);
  await base.getByRole("button", { name: "Test connection" }).click();
  const result = base.getByRole("status", { name: "Connection test" });
  await expect(result).toContainText("2 model(s)");
  await result.getByRole("button", { name: "stub-model" }).click();
  await expect(base.getByLabel("Model name")).toHaveValue("stub-model");
  await base.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("model-status")).toContainText("stub-model");
  await expect(page.getByTestId("model-status")).toContainText(stub.url);

  const versions = page.getByRole("complementary", { name: "Template versions" });
  await expect(versions.getByText("v1")).toBeVisible();
  const turn2 = page.getByLabel(/Turn 2/);
  await turn2.fill((await turn2.inputValue()) + "\nBe brief.");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await expect(versions.getByText("v2")).toBeVisible();
  await page.screenshot({ path: "test-results/settings.png", fullPage: true });

  // every placeholder is explained, {{answer}} among them (the paper's self-check names the answer)
  const ph = page.getByRole("definition").filter({ hasText: "ground-truth final answer" });
  await expect(ph).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "{{answer}}" })).toBeVisible();
  await expect(page.getByRole("term")).toHaveText([
    "{{problem}}",
    "{{reference_solution}}",
    "{{answer}}",
    "{{attempt}}",
  ]);

  // the K proposals' turn-1 structure: shared (the reference's) by default, independent on request
  const sampling = page.getByRole("form", { name: "Turn-1 sampling" });
  await expect(sampling.getByRole("radio", { name: /Shared turn 1/ })).toBeChecked();
  await sampling.getByRole("radio", { name: /Independent turn 1s/ }).check();
  await sampling.getByRole("button", { name: "Save" }).click();
  await expect(sampling.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(
    page.getByRole("form", { name: "Turn-1 sampling" }).getByRole("radio", { name: /Independent turn 1s/ }),
  ).toBeChecked();
  await page
    .getByRole("form", { name: "Turn-1 sampling" })
    .getByRole("radio", { name: /Shared turn 1/ })
    .check();
  await page.getByRole("form", { name: "Turn-1 sampling" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Turn-1 sampling" }).getByRole("status")).toHaveText("Saved.");

  // a third endpoint for a stronger proposer, configured like the others
  await expect(page.getByTestId("proposer-status")).toContainText("PROPOSER_MODEL_BASE_URL");
  const proposer = page.getByRole("form", { name: "Proposer model endpoint" });
  await proposer.getByLabel("Base URL").fill(stub.url);
  await proposer.getByLabel("Model name").fill("big-proposer");
  await proposer.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("proposer-status")).toContainText(`Proposer model big-proposer at ${stub.url}`);
  await page
    .getByRole("region", { name: "Proposer model (optional)" })
    .screenshot({ path: "test-results/settings-proposer.png" });

  await turn2.fill("no placeholder");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByText("Turn 2 must contain {{attempt}}")).toBeVisible();
});
