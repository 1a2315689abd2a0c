import { findDatasetIdByName } from "@/lib/data/datasets";

/**
 * The `--dataset NAME` every model command takes: prints the usage on --help or when it is
 * missing, and a clear error for an unknown name. Returns the dataset id, or the exit code.
 */
export async function datasetArg(
  v: { help?: boolean; dataset?: string },
  usage: string,
): Promise<{ id: string } | number> {
  if (v.help || !v.dataset) {
    (v.help ? process.stdout : process.stderr).write(usage);
    return v.help ? 0 : 2;
  }
  const id = await findDatasetIdByName(v.dataset);
  if (id === null) {
    process.stderr.write(`no dataset named ${JSON.stringify(v.dataset)}\n`);
    return 1;
  }
  return { id };
}
