import type { DecidedBy, PerProblem } from "./per-problem";
import { PER_PROBLEM_RULE } from "./per-problem";

// provenance.json of an export (issue 12 §6): enough to say how a set was made and to make it
// again: the source files with their content hashes, the templates, the proposer and rollout
// models with their endpoints and sampling, the grader, the keep rule, the count after every
// filter, and the studio's version. Pure: lib/data gathers the facts, this shapes them, and
// every export format writes it (hf: provenance.json; the others: OUT.provenance.json and a
// summary in their README note).

export const PROVENANCE_VERSION = 1;

export const METHOD_CITATION = {
  title: "InT: Self-Proposed Interventions Enable Credit Assignment in LLM Reasoning",
  authors: ["Yang", "Bai", "Wu", "Yang", "Setlur", "Kumar"],
  year: 2026,
  bibtex: `@article{int2026,
  title   = {InT: Self-Proposed Interventions Enable Credit Assignment in LLM Reasoning},
  author  = {Yang and Bai and Wu and Yang and Setlur and Kumar},
  year    = {2026}
}`,
} as const;

export const LEAKAGE_RULE =
  "an intervention whose content contains the ground-truth answer (plain substring) is excluded";

export type SamplingRecord = Partial<
  Record<"temperature" | "top_p" | "top_k" | "max_tokens" | "n" | "maxPromptTokens", number>
>;
export type ProvenanceJob = {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
};

/** What lib/data/export-facts.ts gathers while an export streams. */
export type ProvenanceFacts = {
  origins: Record<string, number>;
  statuses: Record<string, number>;
  generators: Record<string, number>;
  /** attempts by origin: imported | sampled */
  attemptOrigins: Record<string, number>;
  imports: {
    file_name: string;
    sha256: string;
    format: string;
    imported_at: string;
    imported_by: string;
    added: { problems: number; traces: number; labels: number; interventions: number };
  }[];
  templates: {
    id: string | null;
    name: string | null;
    version: number | null;
    hash: string;
    current_hash: string | null;
    rows: number;
  }[];
  proposers: {
    model: string;
    jobId: string | null;
    via: "job" | "batch" | "unknown";
    sampling: SamplingRecord;
    rows: number;
  }[];
  rollouts: { model: string; jobId: string | null; sampling: SamplingRecord; rollouts: number; correct: number }[];
  jobs: ProvenanceJob[];
};

/** The export's counts (lib/data/export.ts ExportCounts, the fields provenance reports). */
export type ProvenanceCounts = {
  format: string;
  statuses: string[] | null;
  selected: number | null;
  written: number;
  excludedLeakage: number;
  skipped: Partial<Record<string, number>>;
  droppedUnverified?: { "not-rolled-out": number; "failed-keep-filter": number };
  perProblem: PerProblem | null;
  problems: number;
  maxRowsPerProblem: number;
  droppedPerProblem?: number;
  decidedBy?: Record<DecidedBy, number>;
};

export type ProvenanceInput = {
  studio: { name: string; version: string };
  exportedAt: string;
  dataset: { id: string; name: string };
  options: { filter: Record<string, unknown>; verifiedOnly: boolean; chatTemplate: string | null; files: string[] };
  counts: ProvenanceCounts;
  facts: ProvenanceFacts;
  grader: { version: string; sourceSha256: string | null; rolloutMode: string; rolloutRule: string };
};

const str = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

export function buildProvenance(x: ProvenanceInput) {
  const { counts: c, facts: f } = x;
  const job = (id: string | null) => (id ? (f.jobs.find((j) => j.id === id) ?? null) : null);
  const unverified = c.droppedUnverified
    ? c.droppedUnverified["not-rolled-out"] + c.droppedUnverified["failed-keep-filter"]
    : 0;
  const skipped = Object.values(c.skipped).reduce<number>((a, b) => a + (b ?? 0), 0);
  const rolloutJobs = [...new Set(f.rollouts.map((r) => r.jobId))]
    .map(job)
    .filter((j): j is ProvenanceJob => j !== null);
  const interventionSet = c.perProblem !== null;
  return {
    provenance_version: PROVENANCE_VERSION,
    studio: x.studio,
    exported_at: x.exportedAt,
    dataset: x.dataset,
    export: {
      format: c.format,
      files: x.options.files,
      statuses: c.statuses,
      filter: x.options.filter,
      verified_only: x.options.verifiedOnly,
      per_problem: c.perProblem,
      chat_template: x.options.chatTemplate,
    },
    keep_rule: {
      statuses: c.statuses,
      leakage: interventionSet ? LEAKAGE_RULE : null,
      verified_only: x.options.verifiedOnly,
      rollout_keep: rolloutJobs.map((j) => ({
        job_id: j.id,
        k: num(j.params.k),
        min_correct: num(j.params.minCorrect),
      })),
      per_problem:
        c.perProblem === "one" ? PER_PROBLEM_RULE : c.perProblem === "all" ? "every kept intervention" : null,
    },
    counts: {
      selected: c.selected,
      dropped_unverified: c.droppedUnverified ?? null,
      excluded_leakage: c.excludedLeakage,
      skipped: c.skipped,
      dropped_per_problem: c.droppedPerProblem ?? null,
      written: c.written,
      problems: c.problems,
      max_rows_per_problem: c.maxRowsPerProblem,
      per_problem_decided_by: c.decidedBy ?? null,
    },
    // One entry per filter, in the order they apply: rows in, rows dropped, rows left.
    filters: interventionSet
      ? funnel(c.selected ?? 0, [
          ["verified (keep rule)", unverified],
          ["leakage (contains the answer)", c.excludedLeakage],
          ["invalid for the format (location, tokens)", skipped],
          ["one row per problem", c.droppedPerProblem ?? 0],
        ])
      : [],
    sources: {
      imports: f.imports,
      generators: f.generators,
      attempt_origins: f.attemptOrigins,
      // where sampled attempts came from (model, endpoint, sampling, n)
      sampling_jobs: f.jobs
        .filter((j) => j.kind === "sample")
        .map((j) => ({
          job_id: j.id,
          model: str(j.params.model),
          endpoint: str(j.params.endpoint) ?? "model",
          base_url: str(j.params.baseUrl),
          n: num(j.params.n),
          sampling: j.params.sampling ?? null,
        })),
    },
    interventions: interventionSet ? { origins: f.origins, statuses: f.statuses } : null,
    templates: f.templates,
    proposer: f.proposers.map((p) => {
      const j = job(p.jobId);
      return {
        model: p.model,
        endpoint: j ? (str(j.params.endpoint) ?? "model") : null,
        base_url: j ? str(j.params.baseUrl) : null,
        via: p.via,
        job_id: p.jobId,
        sampling: p.sampling,
        k: j ? num(j.params.k) : null,
        rows: p.rows,
      };
    }),
    rollouts: f.rollouts.map((r) => {
      const j = job(r.jobId);
      return {
        model: r.model,
        endpoint: j ? (str(j.params.endpoint) ?? "model") : null,
        base_url: j ? str(j.params.baseUrl) : null,
        job_id: r.jobId,
        sampling: r.sampling,
        k: j ? num(j.params.k) : null,
        min_correct: j ? num(j.params.minCorrect) : null,
        grader: j ? str(j.params.grader) : null, // the grader version when the rollouts were graded
        rollouts: r.rollouts,
        correct: r.correct,
      };
    }),
    grader: {
      version: x.grader.version,
      source_sha256: x.grader.sourceSha256,
      rollout_mode: x.grader.rolloutMode,
      rollout_rule: x.grader.rolloutRule,
    },
    jobs: f.jobs.map((j) => ({
      id: j.id,
      kind: j.kind,
      created_at: j.createdAt,
      created_by: j.createdBy,
      params: trimParams(j.params),
    })),
    method: METHOD_CITATION,
  };
}

export type Provenance = ReturnType<typeof buildProvenance>;

/** Top-level keys every provenance.json has (tests check them). */
export const PROVENANCE_KEYS = [
  "provenance_version",
  "studio",
  "exported_at",
  "dataset",
  "export",
  "keep_rule",
  "counts",
  "filters",
  "sources",
  "interventions",
  "templates",
  "proposer",
  "rollouts",
  "grader",
  "jobs",
  "method",
] as const;

function funnel(selected: number, steps: [string, number][]) {
  const out = [];
  let left = selected;
  for (const [filter, dropped] of steps) {
    out.push({ filter, in: left, dropped, out: left - dropped });
    left -= dropped;
  }
  return out;
}

/** Job params without the long id lists a dataset run can carry (they are not settings). */
function trimParams(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) out[k] = Array.isArray(v) && v.length > 20 ? `[${v.length} ids]` : v;
  return out;
}
