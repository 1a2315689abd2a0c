import { parseTraceFilter } from "@/lib/core/filters";
import {
  DEFAULT_PER_PROBLEM,
  EXPORT_FORMATS,
  PER_PROBLEM_CHOICES,
  datasetInfoKey,
  exportFileName,
  exportFormatSpec,
  isExportFormat,
  isPerProblem,
  llamaFactoryDatasetInfo,
  splitStatusParams,
} from "@/lib/core/export";
import { exportNote } from "@/lib/core/export/export-note";
import { CHAT_TEMPLATES, DEFAULT_CHAT_TEMPLATE, checkTemplate, isChatTemplateName } from "@/lib/tokens/chat";
import { exportLines, exportSummary, findDatasetForExport, type ExportOptions } from "@/lib/data/export";
import { hfZipStream } from "@/lib/data/export-hf";
import { exportProvenance, provenanceJson } from "@/lib/data/export-provenance";
import { defineRoute } from "@/lib/server/define-route";
import { blindAnywhere } from "@/lib/data/blind-labels";

// GET /api/datasets/:datasetId/export?format=<lib/core/export/formats.ts>&status=..&<list filters>
//   streams <dataset>-<format>.jsonl as a download (read in batches: memory stays flat);
//   the hf container: <dataset>-hf.zip, the folder README.md (dataset card) + provenance.json + data/*.parquet.
//   `status` is shared with the list filter: trace statuses (todo|labelled|curated) filter
//   the traces, intervention statuses (accepted,edited | any | a list) pick interventions.
// &summary=1          JSON counts of the same export (rows, excluded for leakage, skipped).
//                     Counts are only known at the end of a stream, so they are not headers.
// &part=dataset_info  formats with `datasetInfo` (llamafactory): the dataset_info.json entry.
// &part=note          every format with a note (the JSONL ones): its README + the provenance.
// &part=provenance    every format: provenance.json of the same export (sources, models, filters...).
// &per_problem=one    one row per problem (lib/core/export/per-problem.ts); default all.
// &verified=1         keep filter: only interventions verified by rollouts; the summary's
//                     droppedUnverified says how many were dropped and why.
// &template=..        tokenized formats (trl-tokenized): qwen3-instruct-2507 (default) | qwen3-hybrid-nothink |
//                     model-file (the chat_template of INT_CHAT_TEMPLATE_FILE).

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const CHUNK = 64 * 1024;

const bad = (error: string, status = 400) =>
  Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });

function attachment(name: string, type: string): Record<string, string> {
  return {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

export const GET = defineRoute<{ datasetId: string }>(
  { role: "curator", name: "GET /api/datasets/[datasetId]/export" },
  async (req, ctx, actor): Promise<Response> => {
    const { datasetId } = await ctx.params;
    const sp = new URL(req.url).searchParams;
    const format = sp.get("format") ?? "int";
    if (!isExportFormat(format)) return bad(`unknown format "${format}" (use ${EXPORT_FORMATS.join(", ")})`);
    const spec = exportFormatSpec(format);
    const split = splitStatusParams(sp.getAll("status"));
    if (!split.ok) return bad(split.reason);
    const listParams = new URLSearchParams(sp);
    listParams.delete("status");
    if (split.value.traceStatus) listParams.set("status", split.value.traceStatus);
    listParams.delete("template");
    listParams.delete("verified");
    listParams.delete("per_problem");
    const filter = parseTraceFilter(listParams);
    const template = sp.get("template") ?? DEFAULT_CHAT_TEMPLATE;
    if (!isChatTemplateName(template)) return bad(`unknown template "${template}" (use ${CHAT_TEMPLATES.join(", ")})`);
    const templateError = checkTemplate(template);
    if (templateError) return bad(templateError);
    const perProblem = sp.get("per_problem") ?? DEFAULT_PER_PROBLEM;
    if (!isPerProblem(perProblem))
      return bad(`unknown per_problem "${perProblem}" (use ${PER_PROBLEM_CHOICES.join(", ")})`);

    const dataset = await findDatasetForExport({ id: datasetId });
    if (!dataset) return bad(`unknown dataset ${datasetId}`, 404);
    // the export carries every label: refused to a curator who still labels in a blind queue of this dataset
    const blind = await blindAnywhere(actor, datasetId);
    if (blind.length > 0)
      return bad(
        `Export refused while you label in blind queue ${blind.map((q) => `"${q.name}"`).join(", ")}: it would show ` +
          "the labels the queue hides from you until you submit your items",
        403,
      );
    const fileName = exportFileName(dataset.name, format);
    const verifiedOnly = sp.get("verified") === "1";
    const opts: ExportOptions = {
      datasetId: dataset.id,
      format,
      statuses: split.value.interventionStatuses,
      filter,
      template,
      verifiedOnly,
      perProblem: spec.rowUnit === "trace" ? undefined : perProblem,
    };

    const part = sp.get("part");
    if (part !== null) return partResponse(part, opts, dataset, fileName);
    if (sp.get("summary") === "1") {
      return Response.json(
        { dataset: dataset.name, fileName, filter, ...(await exportSummary(opts)) },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    if (spec.container === "hf") {
      const root = fileName.replace(/\.zip$/, "");
      return new Response(await hfZipStream(opts, dataset, root), { headers: attachment(fileName, "application/zip") });
    }

    const summaryUrl = new URL(req.url);
    summaryUrl.searchParams.set("summary", "1");
    const headers = {
      ...attachment(fileName, "application/jsonl; charset=utf-8"),
      "X-Export-Summary": summaryUrl.pathname + summaryUrl.search,
    };
    return new Response(toStream(exportLines(opts)), { headers });
  },
);

async function partResponse(
  part: string,
  opts: ExportOptions,
  dataset: { id: string; name: string },
  fileName: string,
): Promise<Response> {
  const { format } = opts;
  const spec = exportFormatSpec(format);
  const stem = fileName.replace(/\.(jsonl|zip)$/, "");
  if (part === "dataset_info" && spec.datasetInfo) {
    const body = JSON.stringify(llamaFactoryDatasetInfo(datasetInfoKey(dataset.name), fileName), null, 2) + "\n";
    return new Response(body, { headers: attachment("dataset_info.json", "application/json; charset=utf-8") });
  }
  if (part === "provenance") {
    const files = spec.container === "hf" ? [fileName] : [fileName, `${stem}.README.md`, `${stem}.provenance.json`];
    const body = provenanceJson(await exportProvenance(opts, dataset, files));
    return new Response(body, { headers: attachment(`${stem}.provenance.json`, "application/json; charset=utf-8") });
  }
  if (part === "note" && spec.note) {
    const provenance = await exportProvenance(opts, dataset, [
      fileName,
      `${stem}.README.md`,
      `${stem}.provenance.json`,
    ]);
    const body = exportNote({
      format,
      datasetName: dataset.name,
      fileName,
      template: opts.template ?? DEFAULT_CHAT_TEMPLATE,
      provenance,
      provenanceFile: `${stem}.provenance.json`,
    });
    return new Response(body, { headers: attachment(`${stem}.README.md`, "text/markdown; charset=utf-8") });
  }
  const parts = ["provenance", spec.note && "note", spec.datasetInfo && "dataset_info"].filter(Boolean).join(", ");
  return bad(`no part "${part}" for format ${format} (${format} has: ${parts})`);
}

/** Pull-based: the next batch is read only when the client has taken the previous chunk. */
function toStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let buf = "";
        try {
          while (buf.length < CHUNK) {
            const r = await lines.next();
            if (r.done) {
              if (buf) controller.enqueue(enc.encode(buf));
              controller.close();
              return;
            }
            buf += r.value;
          }
          controller.enqueue(enc.encode(buf));
        } catch (e) {
          console.error("export stream failed", e);
          controller.error(e);
        }
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
