import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { parseTraceFilter } from "@/lib/core/filters";
import {
  DEFAULT_PER_PROBLEM,
  EXPORT_FORMATS,
  PER_PROBLEM_CHOICES,
  datasetInfoKey,
  exportFormatSpec,
  filtersInterventions,
  isExportFormat,
  isPerProblem,
  llamaFactoryDatasetInfo,
  parseStatusFilter,
} from "@/lib/core/export";
import { CHAT_TEMPLATES, DEFAULT_CHAT_TEMPLATE, checkTemplate, isChatTemplateName } from "@/lib/tokens/chat";
import { exportLines, findDatasetForExport, newCounts, type ExportCounts } from "@/lib/data/export";
import { ExportFacts } from "@/lib/data/export-facts";
import { writeHfFolder } from "@/lib/data/export-hf";
import { provenanceJson, provenanceOf } from "@/lib/data/export-provenance";
import { exportNote } from "@/lib/core/export/export-note";

export const summary = `write a dataset's export: --dataset NAME --format ${EXPORT_FORMATS.join("|")} --out PATH [--status accepted,edited|any] [--filter QUERY] [--per-problem one|all]`;

const perTrace = EXPORT_FORMATS.filter((f) => !filtersInterventions(f)).join(", ");
const USAGE = `usage: npm run int -- export --dataset NAME --format ${EXPORT_FORMATS.join("|")} --out PATH [--status accepted,edited|any] [--filter QUERY] [--template NAME] [--verified] [--per-problem one|all]

  --status   intervention statuses; default accepted,edited;
             any = proposed,accepted,edited (rejected only when named); ignored by ${perTrace}
             (one row per trace)
  --filter   the trace list's URL query, e.g. "status=curated&generator=Qwen2-7B-Instruct&q=triangle"
  --verified only interventions verified by rollouts (keep filter: >= M of K correct); the
             summary says how many it dropped (not rolled out / failed the keep filter)
  --template ${EXPORT_FORMATS.filter((f) => exportFormatSpec(f).tokenized).join(", ")}: the chat template, ${CHAT_TEMPLATES.join(" | ")} (default ${DEFAULT_CHAT_TEMPLATE})
  --per-problem  all (default): every kept intervention; one: one row per problem, chosen by
             a person's choice (accepted/edited) first, then the most correct rollouts, then
             the first parsed (earliest created)
Beside --out (for OUT.jsonl): OUT.provenance.json (sources with sha256, templates, models,
endpoints, sampling, grader, keep rule, per-filter counts, studio version) and OUT.README.md
(the format's note + the provenance); ${EXPORT_FORMATS.filter((f) => exportFormatSpec(f).datasetInfo).join(", ")} also writes/merges dataset_info.json.
--format ${EXPORT_FORMATS.filter((f) => exportFormatSpec(f).container === "hf").join(", ")}: --out is a folder: README.md (dataset card), provenance.json, data/*.parquet.
`;

const fail = (msg: string, code = 2) => {
  process.stderr.write(`export: ${msg}\n`);
  return code;
};

export async function run(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dataset: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        status: { type: "string" },
        filter: { type: "string" },
        template: { type: "string" },
        verified: { type: "boolean" },
        "per-problem": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { dataset: name, format, out } = values as Record<string, string | undefined>;
  if (!name || !format || !out) return fail(`--dataset, --format and --out are required\n\n${USAGE}`);
  if (!isExportFormat(format)) return fail(`unknown format "${format}" (use ${EXPORT_FORMATS.join(", ")})`);
  const spec = exportFormatSpec(format);
  const statuses = parseStatusFilter(values.status as string | undefined);
  if (!statuses.ok) return fail(statuses.reason);
  const filter = parseTraceFilter(new URLSearchParams((values.filter as string | undefined) ?? ""));
  const template = (values.template as string | undefined) ?? DEFAULT_CHAT_TEMPLATE;
  if (!isChatTemplateName(template)) return fail(`unknown template "${template}" (use ${CHAT_TEMPLATES.join(", ")})`);
  const templateError = checkTemplate(template);
  if (templateError) return fail(templateError);
  const perProblem = (values["per-problem"] as string | undefined) ?? DEFAULT_PER_PROBLEM;
  if (!isPerProblem(perProblem))
    return fail(`unknown --per-problem "${perProblem}" (use ${PER_PROBLEM_CHOICES.join(", ")})`);
  if (perProblem === "one" && spec.rowUnit === "trace")
    return fail(`--per-problem one applies to intervention formats; ${format} has one row per trace`);

  const dataset = await findDatasetForExport({ name });
  if (!dataset) return fail(`unknown dataset "${name}"`, 1);

  const stem = out.endsWith(".jsonl") ? out.slice(0, -".jsonl".length) : out;
  const infoPath = join(dirname(out), "dataset_info.json");
  let info: Record<string, unknown> = {};
  if (spec.datasetInfo && existsSync(infoPath)) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(infoPath, "utf8"));
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a JSON object");
      info = parsed as Record<string, unknown>;
    } catch (e) {
      return fail(
        `${infoPath} exists but is not a JSON object (${e instanceof Error ? e.message : e}); move it away first`,
        1,
      );
    }
  }

  const opts = {
    datasetId: dataset.id,
    format,
    statuses: statuses.value,
    filter,
    template,
    verifiedOnly: values.verified === true,
    perProblem,
    facts: new ExportFacts(dataset.id),
  };
  if (spec.container === "hf") {
    if (existsSync(out) && !statSync(out).isDirectory())
      return fail(`--out ${out} is a file; --format ${format} writes a folder (README.md, provenance.json, data/)`);
    const { counts } = await writeHfFolder(out, opts, dataset);
    process.stdout.write(
      summaryLine(dataset.name, out, counts, [join(out, "README.md"), join(out, "provenance.json")]) + "\n",
    );
    return 0;
  }
  const counts = newCounts(opts);
  const partial = `${out}.partial`;
  mkdirSync(dirname(out), { recursive: true });
  try {
    await writeLines(partial, exportLines(opts, counts));
    renameSync(partial, out);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }

  // Every format: provenance.json and a README note carrying it (issue 12 §6).
  const notes: string[] = [];
  const provPath = `${stem}.provenance.json`;
  const provenance = provenanceOf(opts, dataset, counts, opts.facts, [
    basename(out),
    basename(`${stem}.README.md`),
    basename(provPath),
  ]);
  writeFileSync(provPath, provenanceJson(provenance));
  writeFileSync(
    `${stem}.README.md`,
    exportNote({
      format,
      datasetName: dataset.name,
      fileName: basename(out),
      template,
      provenance,
      provenanceFile: basename(provPath),
    }),
  );
  notes.push(`${stem}.README.md`, provPath);
  if (spec.datasetInfo) {
    const key = datasetInfoKey(dataset.name);
    writeFileSync(
      infoPath,
      JSON.stringify({ ...info, ...llamaFactoryDatasetInfo(key, basename(out)) }, null, 2) + "\n",
    );
    notes.push(infoPath);
  }
  process.stdout.write(summaryLine(dataset.name, out, counts, notes) + "\n");
  return 0;
}

/**
 * Writes lines in ~4 MB chunks, waiting for the stream to drain (memory stays flat). Each line
 * is encoded straight into the chunk (no joined string to flatten and encode again).
 */
async function writeLines(path: string, lines: AsyncIterable<string>): Promise<void> {
  const ws = createWriteStream(path);
  const failed = once(ws, "error").then(([e]) => Promise.reject(e));
  failed.catch(() => {});
  const SIZE = 4 << 20;
  let buf = Buffer.allocUnsafe(SIZE);
  let used = 0;
  const flush = async () => {
    const full = buf.subarray(0, used);
    buf = Buffer.allocUnsafe(SIZE); // the stream keeps `full` until it is written
    used = 0;
    if (!ws.write(full)) await Promise.race([once(ws, "drain"), failed]);
  };
  for await (const line of lines) {
    if (line.length * 3 > SIZE - used) {
      if (used > 0) await flush();
      if (line.length * 3 > SIZE) {
        if (!ws.write(line, "utf8")) await Promise.race([once(ws, "drain"), failed]); // a huge row: as is
        continue;
      }
    }
    used += buf.write(line, used, "utf8");
  }
  if (used > 0) await flush();
  ws.end();
  await Promise.race([once(ws, "finish"), failed]);
}

export function summaryLine(dataset: string, out: string, c: ExportCounts, notes: string[] = []): string {
  const perIntervention = filtersInterventions(c.format);
  const what = perIntervention ? "interventions" : "traces";
  const skipped = Object.entries(c.skipped).map(([k, n]) => `${n} ${k.replaceAll("_", " ")}`);
  const parts = [
    `exported ${c.written} ${what} of "${dataset}" as ${c.format} to ${out}`,
    c.statuses ? `statuses ${c.statuses.join(",")}` : null,
    perIntervention ? `${c.excludedLeakage} excluded (contain the answer)` : null,
    c.perProblem ? rowsPerProblem(c) : null,
    skipped.length ? `skipped: ${skipped.join(", ")}` : null,
    c.droppedUnverified
      ? `${c.droppedUnverified["not-rolled-out"] + c.droppedUnverified["failed-keep-filter"]} dropped as not verified (${c.droppedUnverified["not-rolled-out"]} not rolled out, ${c.droppedUnverified["failed-keep-filter"]} failed the keep filter)`
      : null,
    notes.length ? `notes: ${notes.join(", ")}` : null,
  ];
  return parts.filter(Boolean).join("; ");
}

/** "2,213 rows for 1,076 problems (up to 7 per problem)" / "one per problem: 1,137 more left out (...)". */
export function rowsPerProblem(c: ExportCounts): string {
  const n = (x: number) => x.toLocaleString("en");
  const base = `${n(c.written)} rows for ${n(c.problems)} problems`;
  if (c.perProblem !== "one") return `${base} (every kept intervention, up to ${n(c.maxRowsPerProblem)} per problem)`;
  const d = c.decidedBy;
  const by = d
    ? ` (decided by: person ${n(d.person)}, rollouts ${n(d.rollouts)}, first parsed ${n(d.first)}, only one ${n(d.only)})`
    : "";
  return `${base} (one per problem; ${n(c.droppedPerProblem ?? 0)} other kept interventions left out${by})`;
}
