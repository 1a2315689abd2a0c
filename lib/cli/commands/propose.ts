import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { runJobToCompletion } from "@/lib/jobs/run-to-completion";
import { reparseProposals } from "@/lib/propose/reparse";
import { startProposeJob } from "@/lib/propose/start";
import { datasetArg } from "@/lib/cli/dataset-arg";
import { ENDPOINT_ALIASES } from "@/lib/model/endpoints";
import { Turn1Mode } from "@/lib/propose/params";

export const summary = "model proposals for a dataset: --dataset NAME [--limit N] [--k 4] [--endpoint base|trained|proposer] [--turn1 shared|independent] [--again] | --reparse";

const USAGE = `usage: npm run int -- propose --dataset NAME [--limit N] [--k 4] [--concurrency 8]
                 [--endpoint base|trained|proposer] [--turn1 shared|independent]
                 [--temperature 0.7] [--top-p 0.8] [--top-k 20] [--max-tokens 16384] [--again]
       npm run int -- propose --reparse --dataset NAME     re-apply the parser to stored outputs
--endpoint picks the model that writes the proposals: base (MODEL_*), trained (TRAINED_MODEL_*) or
proposer (PROPOSER_MODEL_*), each overridable on /settings; default base.
--turn1 shared (default, as the reference): one turn-1 solution per trace and one turn-2 request
with n=K; independent: K turn-1 solutions, each with its own turn 2. Default from /settings.
Traces that already have a parsed proposal from the same model are skipped unless --again.
`;

export async function run(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      dataset: { type: "string" }, limit: { type: "string" }, k: { type: "string" }, concurrency: { type: "string" },
      temperature: { type: "string" }, "top-p": { type: "string" }, "top-k": { type: "string" }, "max-tokens": { type: "string" },
      endpoint: { type: "string" }, turn1: { type: "string" },
      again: { type: "boolean" }, reparse: { type: "boolean" }, help: { type: "boolean" },
    },
  });
  const ds = await datasetArg(v, USAGE);
  if (typeof ds === "number") return ds;
  if (v.reparse) {
    const s = await reparseProposals({ datasetId: ds.id });
    process.stdout.write(`re-parsed ${s.total} proposal(s): ${s.changed} changed, ${s.nowOk} now parse, ${s.nowFailed} no longer parse, ${s.interventionsCreated} intervention(s) created\n`);
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
    Object.entries({ temperature: num(v.temperature), top_p: num(v["top-p"]), top_k: num(v["top-k"]), max_tokens: num(v["max-tokens"]) }).filter(([, x]) => x !== undefined),
  );
  const started = await startProposeJob({
    datasetId: ds.id, actor: process.env.INT_USER || "cli", k: num(v.k), limit: num(v.limit),
    concurrency: num(v.concurrency), sampling, skipDone: !v.again, endpoint, ...(turn1.success ? { turn1: turn1.data } : {}),
  });
  if (!started.ok) {
    process.stderr.write(`${started.error}\n`);
    return 1;
  }
  const job = await prisma.job.findUniqueOrThrow({ where: { id: started.jobId }, select: { params: true } });
  const jp = JSON.parse(job.params) as { k: number; turn1: string; endpoint: string; model: string };
  const what = jp.turn1 === "shared"
    ? `${started.total} trace(s) x ${jp.k} proposal(s): one turn 1 and one turn 2 (n=${jp.k}) per trace`
    : `${started.total} proposal(s) to make, each with its own turn 1`;
  process.stdout.write(`job ${started.jobId}: ${what}; endpoint ${jp.endpoint === "model" ? "base" : jp.endpoint} (${jp.model})\n`);
  const t0 = Date.now();
  const line = (p: { done: number; failed: number; total: number; status: string }) => {
    const s = ((Date.now() - t0) / 1000).toFixed(0);
    const text = `${p.status} ${p.done + p.failed}/${p.total} (${p.failed} failed) ${s}s`;
    if (process.stdout.isTTY) process.stdout.write(`\r${text}   `);
    else process.stdout.write(`${text}\n`);
  };
  const final = await runJobToCompletion(started.jobId, { onProgress: line, progressMs: process.stdout.isTTY ? 500 : 5000 });
  if (process.stdout.isTTY) {
    line(final);
    process.stdout.write("\n");
  }
  const items = await prisma.jobItem.findMany({ where: { jobId: started.jobId, status: "done" }, select: { result: true } });
  // an item holds one proposal (independent) or K (shared: stored/parsed/noError counts)
  let stored = 0, parsed = 0, noError = 0;
  for (const i of items) {
    const r = (i.result ? JSON.parse(i.result) : {}) as { stored?: number; parsed?: number; noError?: number | boolean; parseOk?: boolean; reused?: boolean; proposalId?: string };
    if (r.stored !== undefined) {
      stored += r.stored;
      parsed += r.parsed ?? 0;
      noError += Number(r.noError ?? 0);
    } else if (r.proposalId) {
      stored++;
      if (r.parseOk) parsed++;
      if (r.noError) noError++;
    }
  }
  process.stdout.write(`${stored} proposal(s) stored: ${parsed} parsed (${noError} of them "no critical error"), ${stored - parsed} with a recorded parse failure\n`);
  if (final.error) process.stderr.write(`job ${final.status}: ${final.error}\n`);
  return final.status === "done" ? 0 : 1;
}
