import { parseArgs } from "node:util";
import { cliActor } from "@/lib/cli/cli-actor";
import { datasetArg } from "@/lib/cli/dataset-arg";
import { onpolicyStats } from "@/lib/data/onpolicy";
import { startOnpolicyJob } from "@/lib/onpolicy/start";
import { runJob } from "@/lib/rollouts/cli-job";
import { CHAT_TEMPLATES, isChatTemplateName } from "@/lib/tokens/chat";
import { OUTLIER_RULE } from "@/lib/core/onpolicy/outliers";
import { resolveModelConfig } from "@/lib/model/settings";

export const summary =
  "on-policyness: mean NLL of each intervention under the model (vLLM prompt_logprobs): --dataset NAME [--all]";

const USAGE = `usage: npm run int -- onpolicy --dataset NAME [--all] [--limit N] [--concurrency 8] [--template ${CHAT_TEMPLATES.join("|")}]
       npm run int -- onpolicy --dataset NAME --summary
Scores each non-rejected intervention: the mean negative log-likelihood of its tokens under the
model given the problem (chat-templated, as in the trl-tokenized export) and the prefix, from
vLLM's prompt_logprobs on /v1/completions. Only unscored interventions unless --all. Uses
MODEL_BASE_URL / MODEL_NAME (or /settings); the model must use Qwen3's tokenizer.
`;

export async function run(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      dataset: { type: "string" },
      all: { type: "boolean" },
      limit: { type: "string" },
      concurrency: { type: "string" },
      template: { type: "string" },
      summary: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  const ds = await datasetArg(v, USAGE);
  if (typeof ds === "number") return ds;
  if (v.template && !isChatTemplateName(v.template)) {
    process.stderr.write(`unknown template "${v.template}" (use ${CHAT_TEMPLATES.join(", ")})\n`);
    return 2;
  }
  if (!v.summary) {
    const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
    const started = await startOnpolicyJob({
      datasetId: ds.id,
      actor: cliActor(),
      scope: v.all ? "all" : "unscored",
      limit: num(v.limit),
      concurrency: num(v.concurrency),
      ...(v.template && isChatTemplateName(v.template) ? { template: v.template } : {}),
    });
    const code = await runJob(started, "intervention(s) to score");
    if (code !== 0) return code;
  }
  const s = await onpolicyStats(ds.id, { prefer: (await resolveModelConfig()).name });
  if (!s.summary) {
    process.stdout.write(`no scored interventions (${s.live} not rejected)\n`);
    return 0;
  }
  const f = (x: number) => x.toFixed(3);
  process.stdout.write(
    `model ${s.model}: ${s.scored}/${s.live} scored · median ${f(s.summary.median)} nats/token · IQR ${f(s.summary.q1)}-${f(s.summary.q3)} · fence ${f(s.summary.fence)}\n`,
  );
  process.stdout.write(`${s.outliers} outlier(s): ${OUTLIER_RULE}\n`);
  for (const o of s.top)
    process.stdout.write(`  ${f(o.nllMean)}  ${o.id}  step ${o.location}  ${JSON.stringify(o.preview.slice(0, 60))}\n`);
  return 0;
}
