import { parseArgs } from "node:util";
import { cliActor } from "@/lib/cli/cli-actor";
import { findDatasetIdByName, listDatasetsOldestFirst } from "@/lib/data/datasets";
import { datasetFootprint, deleteDataset, renameDataset, type DatasetFootprint } from "@/lib/data/dataset-lifecycle";

export const summary = "datasets: list | rename NAME NEW_NAME | delete NAME --yes (cancels its running jobs first)";

const USAGE = `usage: npm run int -- dataset list
       npm run int -- dataset rename NAME NEW_NAME
       npm run int -- dataset delete NAME [--yes]     without --yes, prints what would be deleted
`;

export function describeFootprint(f: DatasetFootprint): string {
  const parts = [
    `${f.problems} problems`,
    `${f.traces} traces`,
    `${f.labels} first-error labels`,
    `${f.interventions} interventions`,
    `${f.proposals} model proposals`,
    `${f.rollouts} rollouts`,
    `${f.jobs} jobs`,
  ];
  return parts.join(", ") + (f.activeJobs ? ` (${f.activeJobs} still running: cancelled first)` : "");
}

export async function run(argv: string[]): Promise<number> {
  const {
    values: v,
    positionals: [cmd, name, newName],
  } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { yes: { type: "boolean" }, help: { type: "boolean" } },
  });
  if (v.help || !cmd) {
    (v.help ? process.stdout : process.stderr).write(USAGE);
    return v.help ? 0 : 2;
  }
  const actor = cliActor();
  if (cmd === "list") {
    for (const d of await listDatasetsOldestFirst()) {
      process.stdout.write(`${d.name}\t${describeFootprint(await datasetFootprint(d.id))}\n`);
    }
    return 0;
  }
  if ((cmd !== "rename" && cmd !== "delete") || !name || (cmd === "rename" && !newName)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const id = await findDatasetIdByName(name);
  const ds = id === null ? null : { id };
  if (!ds) {
    process.stderr.write(`no dataset named ${JSON.stringify(name)}\n`);
    return 1;
  }
  if (cmd === "rename") {
    const r = await renameDataset(ds.id, newName, actor);
    if (!r.ok) return (process.stderr.write(`${r.error}\n`), 1);
    process.stdout.write(`renamed ${JSON.stringify(name)} to ${JSON.stringify(newName.trim())}\n`);
    return 0;
  }
  const footprint = await datasetFootprint(ds.id);
  if (!v.yes) {
    process.stderr.write(
      `This deletes ${JSON.stringify(name)}: ${describeFootprint(footprint)}. Run again with --yes.\n`,
    );
    return 2;
  }
  const r = await deleteDataset(ds.id, name, actor);
  if (!r.ok) return (process.stderr.write(`${r.error}\n`), 1);
  process.stdout.write(`deleted ${JSON.stringify(name)}: ${describeFootprint(r.footprint ?? footprint)}\n`);
  return 0;
}
