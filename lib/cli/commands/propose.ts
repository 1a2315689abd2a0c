import { parseArgs } from "node:util";
import { cliActor } from "@/lib/cli/cli-actor";
import { jobParamsText } from "@/lib/data/jobs";
import { getJobDetail } from "@/lib/data/job-queries";
import { describeOutcomes } from "@/lib/core/propose/outcome";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import { reparseProposals } from "@/lib/data/proposal-reparse";
import { startProposeJob } from "@/lib/propose/start";
import { datasetArg } from "@/lib/cli/dataset-arg";
import { parseTraceFilter } from "@/lib/core/filters";
import { ENDPOINT_ALIASES } from "@/lib/model/endpoints";
import { Turn1Mode } from "@/lib/propose/params";

export const summary =
  "model proposals for a dataset: --dataset NAME [--limit N] [--k 4] [--filter Q] [--include-correct] [--include-no-reference] [--endpoint base|trained|proposer] [--turn1 shared|independent] [--again] | --reparse";

const USAGE = `usage: npm run int -- propose --dataset NAME [--limit N] [--k 4] [--concurrency 8]
                 [--filter "answer=wrong&q=..."] [--include-correct] [--include-no-reference]
                 [--endpoint base|trained|proposer] [--turn1 shared|independent]
                 [--temperature 0.7] [--top-p 0.8] [--top-k 20] [--max-tokens 16384] [--again]
       npm run int -- propose --reparse --dataset NAME     re-apply the parser to stored outputs
The method proposes only for wrong attempts against a reference solution: traces whose final
answer is correct (imported, else graded against the ground-truth answer) are skipped unless
--include-correct, and traces whose problem has no reference solution unless --include-no-reference;
traces that cannot be graded are sent and counted. --filter takes the trace list's URL filter.
--limit caps the traces sent. Traces that already have a parsed proposal from the same model are
skipped unless --again.
--endpoint picks the model that writes the proposals: base (MODEL_*), trained (TRAINED_MODEL_*) or
proposer (PROPOSER_MODEL_*), each overridable on /settings; default base.
--turn1 shared (default, as the reference): one turn-1 solution per trace and one turn-2 request
with n=K; independent: K turn-1 solutions, each with its own turn 2. Default from /settings.
`;

const CLI_FLAGS = { includeCorrect: "--include-correct", includeNoReference: "--include-no-reference" };

export async function run(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      dataset: { type: "string" },
      limit: { type: "string" },
      k: { type: "string" },
      concurrency: { type: "string" },
      temperature: { type: "string" },
      "top-p": { type: "string" },
      "top-k": { type: "string" },
      "max-tokens": { type: "string" },
      again: { type: "boolean" },
      reparse: { type: "boolean" },
      help: { type: "boolean" },
      filter: { type: "string" },
      "include-correct": { type: "boolean" },
      "include-no-reference": { type: "boolean" },
      endpoint: { type: "string" },
      turn1: { type: "string" },
    },
  });
  const ds = await datasetArg(v, USAGE);
  if (typeof ds === "number") return ds;
  if (v.reparse) {
    const s = await reparseProposals({ datasetId: ds.id });
    process.stdout.write(
      `re-parsed ${s.total} proposal(s): ${s.changed} changed, ${s.nowOk} now parse, ${s.nowFailed} no longer parse, ${s.interventionsCreated} intervention(s) created\n`,
    );
    return 0;
  }
  const endpoint = ENDPOINT_ALIASES[v.endpoint ?? "base"];
  if (!endpoint) {
    process.stderr.write(`unknown --endpoint ${JSON.stringify(v.endpoint)}: use base, trained or proposer\n`);
    return 2;
  }
  const turn1 = Turn1Mode.safeParse(v.turn1 ?? undefined);
  if (v.turn1 !== undefined && !turn1.success) {
    process.stderr.write(`unknown --turn1 ${JSON.stringify(v.turn1)}: use shared or independent\n`);
    return 2;
  }
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const sampling = Object.fromEntries(
    Object.entries({
      temperature: num(v.temperature),
      top_p: num(v["top-p"]),
      top_k: num(v["top-k"]),
      max_tokens: num(v["max-tokens"]),
    }).filter(([, x]) => x !== undefined),
  );
  const started = await startProposeJob(
    {
      datasetId: ds.id,
      actor: cliActor(),
      k: num(v.k),
      limit: num(v.limit),
      concurrency: num(v.concurrency),
      sampling,
      skipDone: !v.again,
      endpoint,
      ...(turn1.success ? { turn1: turn1.data } : {}),
      ...(v.filter !== undefined ? { filter: parseTraceFilter(new URLSearchParams(v.filter)) } : {}),
      includeCorrect: !!v["include-correct"],
      includeNoReference: !!v["include-no-reference"],
    },
    CLI_FLAGS,
  );
  if (!started.ok) {
    process.stderr.write(`${started.error}\n`);
    return 1;
  }
  process.stdout.write(`${started.summary}\n`);
  const stored = await jobParamsText(started.jobId);
  if (stored === null) throw new Error(`job ${started.jobId} vanished right after it was created`);
  const jp = JSON.parse(stored) as { k: number; turn1: string; endpoint: string; model: string };
  const what =
    jp.turn1 === "shared"
      ? `${started.total} trace(s) x ${jp.k} proposal(s): one turn 1 and one turn 2 (n=${jp.k}) per trace`
      : `${started.total} proposal(s) to make, each with its own turn 1`;
  process.stdout.write(
    `job ${started.jobId}: ${what}; endpoint ${jp.endpoint === "model" ? "base" : jp.endpoint} (${jp.model})\n`,
  );
  const t0 = Date.now();
  const line = (p: { done: number; failed: number; total: number; status: string }) => {
    const s = ((Date.now() - t0) / 1000).toFixed(0);
    const text = `${p.status} ${p.done + p.failed}/${p.total} (${p.failed} failed) ${s}s`;
    if (process.stdout.isTTY) process.stdout.write(`\r${text}   `);
    else process.stdout.write(`${text}\n`);
  };
  const final = await runJobToCompletion(started.jobId, {
    onProgress: line,
    progressMs: process.stdout.isTTY ? 500 : 5000,
  });
  if (process.stdout.isTTY) {
    line(final);
    process.stdout.write("\n");
  }
  const detail = await getJobDetail(started.jobId, { failures: 0 });
  if (detail?.outcomes) process.stdout.write(`${describeOutcomes(detail.outcomes)} (stored)\n`);
  if (final.error) process.stderr.write(`job ${final.status}: ${final.error}\n`);
  return final.status === "done" ? 0 : 1;
}
