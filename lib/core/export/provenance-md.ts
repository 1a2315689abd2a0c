import type { Provenance } from "./provenance";

// The provenance section every export note carries (README.md beside a JSONL, the hf dataset
// card): the same facts as provenance.json, readable. provenance.json stays the full record.

const n = (x: number) => x.toLocaleString("en");
const json = (v: unknown) => "`" + JSON.stringify(v) + "`";

export function provenanceMarkdown(p: Provenance, provenanceFile: string): string {
  const lines: string[] = [];
  lines.push(`## Provenance`, ``);
  lines.push(
    `Full record: \`${provenanceFile}\`. Exported ${p.exported_at} by ${p.studio.name} ${p.studio.version} from dataset "${p.dataset.name}".`,
    ``,
  );
  const e = p.export;
  lines.push(
    `- Selection: format \`${e.format}\`; statuses ${e.statuses ? e.statuses.join(", ") : "(all traces)"}; list filter ${json(e.filter)}; verified only: ${e.verified_only ? "yes" : "no"}.`,
  );
  if (p.keep_rule.per_problem) lines.push(`- Rows per problem: ${p.keep_rule.per_problem}.`);
  if (p.keep_rule.leakage) lines.push(`- Leakage: ${p.keep_rule.leakage}.`);
  for (const k of p.keep_rule.rollout_keep)
    lines.push(
      `- Rollout keep rule (job ${k.job_id}): verified when >= ${k.min_correct ?? "?"} of ${k.k ?? "?"} rollouts are correct.`,
    );
  lines.push(
    `- Rows: ${n(p.counts.written)} for ${n(p.counts.problems)} problems (at most ${n(p.counts.max_rows_per_problem)} per problem).`,
  );
  if (p.filters.length) {
    lines.push(``, `| Filter | In | Dropped | Out |`, `|---|---|---|---|`);
    for (const f of p.filters) lines.push(`| ${f.filter} | ${n(f.in)} | ${n(f.dropped)} | ${n(f.out)} |`);
    lines.push(``);
  }
  if (p.sources.imports.length) {
    lines.push(`- Source files (sha256 of the bytes imported):`);
    for (const s of p.sources.imports)
      lines.push(
        `  - \`${s.file_name}\` (${s.format}) sha256 \`${s.sha256}\`, imported ${s.imported_at} by ${s.imported_by}`,
      );
  } else lines.push(`- Source files: none imported (sampled or written in the studio).`);
  const gens = Object.entries(p.sources.generators);
  if (gens.length)
    lines.push(`- Attempt generators: ${gens.map(([g, k]) => `${g || "(unnamed)"} (${n(k)})`).join(", ")}.`);
  const origins = Object.entries(p.sources.attempt_origins);
  if (origins.length) lines.push(`- Attempts by origin: ${origins.map(([o, k]) => `${o} ${n(k)}`).join(", ")}.`);
  for (const j of p.sources.sampling_jobs) {
    lines.push(
      `- Sampling job ${j.job_id}: \`${j.model ?? "?"}\` via endpoint ${j.endpoint}${j.base_url ? ` (${j.base_url})` : ""}, n=${j.n ?? "?"}; sampling ${json(j.sampling)}.`,
    );
  }
  if (p.interventions)
    lines.push(
      `- Interventions by origin: ${
        Object.entries(p.interventions.origins)
          .map(([o, k]) => `${o} ${n(k)}`)
          .join(", ") || "none"
      }.`,
    );
  const rows = (k: number) => `${n(k)} ${k === 1 ? "row" : "rows"}`;
  for (const t of p.templates)
    lines.push(
      `- Prompt template ${t.name ?? t.id ?? "(unknown)"}${t.version !== null ? ` v${t.version}` : ""}: hash \`${t.hash}\` (${rows(t.rows)}).`,
    );
  for (const m of p.proposer) {
    lines.push(
      `- Proposer: \`${m.model}\` via ${m.via === "job" ? `endpoint ${m.endpoint ?? "?"}${m.base_url ? ` (${m.base_url})` : ""}, job ${m.job_id}` : m.via === "batch" ? "a batch file" : "unknown"}; sampling ${json(m.sampling)}${m.k !== null ? `, K=${m.k}` : ""} (${rows(m.rows)}).`,
    );
  }
  for (const r of p.rollouts) {
    lines.push(
      `- Rollouts: \`${r.model}\`${r.endpoint ? ` via endpoint ${r.endpoint}${r.base_url ? ` (${r.base_url})` : ""}` : ""}${r.job_id ? `, job ${r.job_id}` : ""}; sampling ${json(r.sampling)}; ${n(r.correct)} of ${n(r.rollouts)} correct${r.grader ? `, graded by ${r.grader}` : ""}.`,
    );
  }
  lines.push(
    `- Grader: ${p.grader.version} (source sha256 \`${p.grader.source_sha256 ?? "unknown"}\`), rollouts graded in mode "${p.grader.rollout_mode}": ${p.grader.rollout_rule}.`,
  );
  return lines.join("\n") + "\n";
}
