import { prisma } from "@/lib/db";

/**
 * The `--dataset NAME` every model command takes: prints the usage on --help or when it is
 * missing, and a clear error for an unknown name. Returns the dataset id, or the exit code.
 */
export async function datasetArg(v: { help?: boolean; dataset?: string }, usage: string): Promise<{ id: string } | number> {
  if (v.help || !v.dataset) {
    (v.help ? process.stdout : process.stderr).write(usage);
    return v.help ? 0 : 2;
  }
  const ds = await prisma.dataset.findUnique({ where: { name: v.dataset }, select: { id: true } });
  if (!ds) {
    process.stderr.write(`no dataset named ${JSON.stringify(v.dataset)}\n`);
    return 1;
  }
  return ds;
}
