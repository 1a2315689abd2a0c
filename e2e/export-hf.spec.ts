import { expect, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { parquetReadObjects } from "hyparquet";
import { parse as parseYaml } from "yaml";
import { openPanel } from "./propose-fixtures";
import { unique, uploadRows } from "./upload-fixtures";
import { demoRows } from "../test-support/demo-rows";

// Journey (issue 12 §4, §6): upload a small int file where one problem has two attempts with an
// intervention each, pick "Hugging Face dataset" and "one per problem" in the export panel,
// count the rows (rows for problems, what was left out), download the .zip and read it back:
// the Parquet rows, the dataset card's YAML and provenance.json with the uploaded file's hash.

const DEMO = demoRows();

test("export the set as a Hugging Face dataset, one row per problem, from the web panel", async ({ page }) => {
  const name = unique("e2e-hf");
  const tag = name.slice(-4);
  const rows = DEMO.map((r) => ({ ...r, problem: `${r.problem} (${tag})` }));
  const first = rows.find((r) => r.intervention)!;
  // a second attempt at the same problem, with its own intervention
  rows.push({
    ...first,
    incorrect_attempt: `Second try.\n\n${first.incorrect_attempt}`,
    intervention: { content: "Check each case again before concluding.", location: 2 },
  });
  const body = rows.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const withIv = rows.filter((r) => r.intervention);
  const problems = new Set(withIv.map((r) => r.problem)).size;
  expect(withIv.length).toBe(problems + 1);

  await uploadRows(page, name, "hf-journey.jsonl", rows);

  await page.goto("/");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await openPanel(page, "Export");

  const panel = page.getByRole("region", { name: "Export" });
  await panel.getByRole("combobox", { name: "Export format" }).selectOption("hf");
  await panel.getByRole("combobox", { name: "Export status" }).selectOption("any");
  // every kept intervention first: rows for problems, up to 2 per problem
  await panel.getByRole("button", { name: "Count rows" }).click();
  await expect(panel.getByTestId("export-count")).toHaveText(
    `${withIv.length} rows for ${problems} problems (up to 2 per problem)`,
  );
  await panel.getByRole("combobox", { name: "Rows per problem" }).selectOption("one");
  await panel.getByRole("button", { name: "Count rows" }).click();
  await expect(panel.getByTestId("export-count")).toHaveText(
    `${problems} rows for ${problems} problems (one per problem; 1 other kept intervention left out)`,
  );
  await page.screenshot({ path: "test-results/e2e-export-hf-panel.png" });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    panel.getByRole("link", { name: "Download .zip" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${name}-hf.zip`);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const root = `${name}-hf`;
  expect(Object.keys(files).sort()).toEqual([
    `${root}/README.md`,
    `${root}/data/train-00000-of-00001.parquet`,
    `${root}/provenance.json`,
  ]);

  // Parquet reads the int64 location back as a bigint.
  type HfRow = { problem: string; incorrect_attempt: string; intervention: { content: string; location: bigint } };
  const pq = files[`${root}/data/train-00000-of-00001.parquet`];
  const back = (await parquetReadObjects({
    file: pq.buffer.slice(pq.byteOffset, pq.byteOffset + pq.byteLength) as ArrayBuffer,
  })) as HfRow[];
  expect(back).toHaveLength(problems);
  expect(new Set(back.map((r) => r.problem)).size).toBe(problems);
  for (const r of back) {
    const src = rows.find((x) => x.incorrect_attempt === r.incorrect_attempt && x.problem === r.problem)!;
    expect(src, r.problem).toBeTruthy();
    expect({ content: r.intervention.content, location: Number(r.intervention.location) }).toEqual(src.intervention);
  }
  // neither was decided by a person and no rollouts ran: the first parsed (the first row imported) is kept
  expect(back.find((r) => r.problem === first.problem)!.incorrect_attempt).toBe(first.incorrect_attempt);

  const card = strFromU8(files[`${root}/README.md`]);
  const yaml = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(card)![1]);
  expect(yaml.configs[0].data_files[0]).toEqual({ split: "train", path: "data/train-*.parquet" });
  expect(yaml.dataset_info.splits[0].num_examples).toBe(problems);
  expect(yaml.dataset_info.features.map((f: { name: string }) => f.name)).toEqual(Object.keys(back[0]));

  const prov = JSON.parse(strFromU8(files[`${root}/provenance.json`]));
  expect(prov.export).toMatchObject({ format: "hf", per_problem: "one", statuses: ["proposed", "accepted", "edited"] });
  expect(prov.sources.imports).toEqual([
    expect.objectContaining({ file_name: "hf-journey.jsonl", sha256: createHash("sha256").update(body).digest("hex") }),
  ]);
  expect(prov.counts).toMatchObject({ written: problems, problems, dropped_per_problem: 1 });
});
