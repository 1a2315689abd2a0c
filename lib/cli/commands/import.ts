// `npm run int -- import FILE --dataset NAME [--format auto|<lib/core/formats/registry.ts>]`
import { IMPORT_FORMATS, isImportFormat } from "@/lib/core/formats";
import { importSummaryNotes } from "@/lib/core/import-summary";
import { importFile } from "@/lib/import";
import { cliActor } from "@/lib/cli/cli-actor";

export const summary =
  "import a JSONL / JSON / Parquet file into a dataset (all or nothing; re-importing duplicates nothing)";

const USAGE = `usage: npm run int -- import FILE --dataset NAME [--format auto|${IMPORT_FORMATS.join("|")}] [--actor NAME]\n`;

function parseArgs(argv: string[]): {
  file?: string;
  dataset?: string;
  format: string;
  actor?: string;
  error?: string;
} {
  const out: { file?: string; dataset?: string; format: string; actor?: string; error?: string } = { format: "auto" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--dataset") out.dataset = value();
    else if (flag === "--format") out.format = value() ?? "";
    else if (flag === "--actor") out.actor = value();
    else if (flag.startsWith("--")) out.error = `unknown option ${flag}`;
    else if (out.file === undefined) out.file = a;
    else out.error = `unexpected argument ${a}`;
  }
  return out;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.error || !args.file || !args.dataset) {
    process.stderr.write(`${args.error ? args.error + "\n" : ""}${USAGE}`);
    return 2;
  }
  const format = args.format;
  if (format !== "auto" && !isImportFormat(format)) {
    process.stderr.write(`unknown format ${args.format}\n${USAGE}`);
    return 2;
  }
  const started = Date.now();
  const result = await importFile(args.file, {
    dataset: args.dataset,
    format,
    actor: args.actor ?? cliActor(),
  });
  if (!result.ok) {
    process.stderr.write(
      `import failed, nothing was written (${result.errors.length}${result.truncated ? "+" : ""} error(s)):\n`,
    );
    for (const e of result.errors)
      process.stderr.write(`  ${e.file}:${e.line}${e.field ? ` ${e.field}` : ""}: ${e.message}\n`);
    return 1;
  }
  const s = result;
  // In records (what the file holds), not rows: see lib/core/import-summary.ts.
  const notes = [
    ...importSummaryNotes({
      records: s.records,
      recordsAlreadyPresent: s.recordsAlreadyPresent,
      problemsEnriched: s.problemsEnriched,
    }),
    ...(s.alreadyImported ? ["file imported before"] : []),
  ];
  process.stdout.write(
    `imported ${s.fileName} (${s.format}) into "${s.dataset}": ${s.problems} problems, ${s.traces} traces, ${s.labels} labels, ${s.interventions} interventions` +
      ` (${notes.join(", ")}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}
