import type { Sqlite } from "./sqlite";
import { columns, table, type Row } from "./sql-types";
import type { ProvenanceFacts, ProvenanceJob, SamplingRecord } from "@/lib/core/export/provenance";
import type { IvRow, TraceRow } from "./export";

// What provenance.json says about the rows an export wrote (issue 12 §6), gathered while the
// export streams: who made each intervention (origin), which template, proposer model and job,
// and which rollouts proved it. Memory: small maps keyed by distinct (model, job, template)
// values, plus the ids of one batch until its rollouts are summed (flush, once per batch).

type Db = Sqlite;
const SAMPLING_KEYS = ["temperature", "top_p", "top_k", "max_tokens", "n", "maxPromptTokens"] as const;

/** The sampling parameters of a stored sampling JSON (usage, timings and other per-call details dropped). */
export function samplingOf(json: string | null): SamplingRecord {
  const out: SamplingRecord = {};
  if (!json) return out;
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    for (const k of SAMPLING_KEYS) if (typeof v[k] === "number") out[k] = v[k] as number;
  } catch {
    // unreadable sampling text: nothing to report
  }
  return out;
}

const inc = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

const ro = table("Rollout", "r");
const ji = table("JobItem", "ji");
const J = table("Job");
const T = table("PromptTemplate");
const IR = table("ImportRecord");
const IMPORT_COLS = ["fileName", "fileHash", "format", "createdAt", "actor", "problems", "traces", "labels", "interventions"] as const;
type ImportCol = (typeof IMPORT_COLS)[number];

export class ExportFacts {
  private origins = new Map<string, number>();
  private statuses = new Map<string, number>();
  private generators = new Map<string, number>();
  private attemptOrigins = new Map<string, number>();
  private templates = new Map<string, { id: string | null; hash: string; rows: number }>();
  private proposers = new Map<string, { model: string; jobId: string | null; via: "job" | "batch" | "unknown"; sampling: SamplingRecord; rows: number }>();
  private rollouts = new Map<string, { model: string; jobId: string | null; sampling: SamplingRecord; rollouts: number; correct: number }>();
  private pending: string[] = [];
  private jobs: ProvenanceJob[] = [];
  private templateRows: { id: string; name: string; version: number; hash: string }[] = [];
  private imports: ProvenanceFacts["imports"] = [];

  constructor(private datasetId: string) {}

  add(r: IvRow): void {
    inc(this.origins, r.origin);
    inc(this.statuses, r.status);
    inc(this.generators, r.generator);
    inc(this.attemptOrigins, r.traceOrigin);
    if (r.proposalId !== null && r.proposalModel !== null) {
      const tk = `${r.templateId ?? ""}\u0000${r.templateHash ?? ""}`;
      const t = this.templates.get(tk) ?? { id: r.templateId, hash: r.templateHash ?? "", rows: 0 };
      t.rows++;
      this.templates.set(tk, t);
      const sampling = samplingOf(r.proposalSampling);
      const via = r.proposalJobId ? "job" : r.proposalJobItemId?.startsWith("batch:") ? "batch" : "unknown";
      const pk = JSON.stringify([r.proposalModel, r.proposalJobId, via, sampling]);
      const p = this.proposers.get(pk) ?? { model: r.proposalModel, jobId: r.proposalJobId, via, sampling, rows: 0 };
      p.rows++;
      this.proposers.set(pk, p);
    }
    this.pending.push(r.id);
  }

  addTrace(r: TraceRow): void {
    inc(this.generators, r.generator);
    inc(this.attemptOrigins, r.traceOrigin);
  }

  /** Sums the rollouts (intervention condition) of the interventions added since the last flush. */
  // (table and column names below are checked against the schema by tsc: ./sql-types.ts)
  flush(db: Db): void {
    if (this.pending.length === 0) return;
    const ids = this.pending;
    this.pending = [];
    const rows = db.prepare<unknown[], { model: string; jobId: string | null; sampling: string; n: number; correct: number }>(
      `SELECT ${ro.model}, ${ji.jobId} AS jobId,
          json_object('temperature', json_extract(${ro.sampling}, '$.temperature'), 'top_p', json_extract(${ro.sampling}, '$.top_p'),
            'top_k', json_extract(${ro.sampling}, '$.top_k'), 'max_tokens', json_extract(${ro.sampling}, '$.max_tokens')) AS sampling,
          COUNT(*) AS n, SUM(${ro.correct}) AS correct
        FROM ${ro} LEFT JOIN ${ji} ON ${ji.id} = ${ro.jobItemId}
        WHERE ${ro.condition} = 'intervention' AND ${ro.interventionId} IN (${ids.map(() => "?").join(", ")})
        GROUP BY ${ro.model}, ${ji.jobId}, 3`,
    ).all(...ids);
    for (const x of rows) {
      const k = JSON.stringify([x.model, x.jobId, x.sampling]);
      const cur = this.rollouts.get(k) ?? { model: x.model, jobId: x.jobId, sampling: samplingOf(x.sampling), rollouts: 0, correct: 0 };
      cur.rollouts += x.n;
      cur.correct += x.correct ?? 0;
      this.rollouts.set(k, cur);
    }
  }

  /** Reads the jobs, templates and import records the rows point to (a few rows each). */
  finish(db: Db): void {
    this.flush(db);
    const jobIds = [...new Set([...this.proposers.values(), ...this.rollouts.values()].map((x) => x.jobId).filter((x): x is string => !!x))];
    // Sampled attempts carry no job id; when the rows hold any, the dataset's sampling jobs say
    // which model and endpoint wrote them.
    const sampled = (this.attemptOrigins.get("sampled") ?? 0) > 0 ? `OR (${J.datasetId} = ? AND ${J.kind} = 'sample')` : "";
    this.jobs = jobIds.length || sampled
      ? db.prepare<unknown[], Row<"Job", "id" | "kind" | "params" | "createdAt" | "createdBy">>(
          `SELECT ${columns("Job", ["id", "kind", "params", "createdAt", "createdBy"])} FROM ${J} WHERE ${J.id} IN (${jobIds.map(() => "?").join(", ")}) ${sampled} ORDER BY ${J.createdAt}, ${J.id}`,
        ).all(...jobIds, ...(sampled ? [this.datasetId] : [])).map((j) => ({ id: j.id, kind: j.kind, params: parseObject(j.params), createdAt: iso(j.createdAt), createdBy: j.createdBy }))
      : [];
    const tIds = [...new Set([...this.templates.values()].map((t) => t.id).filter((x): x is string => !!x))];
    this.templateRows = tIds.length
      ? db.prepare<unknown[], Row<"PromptTemplate", "id" | "name" | "version" | "hash">>(
          `SELECT ${columns("PromptTemplate", ["id", "name", "version", "hash"])} FROM ${T} WHERE ${T.id} IN (${tIds.map(() => "?").join(", ")})`,
        ).all(...tIds)
      : [];
    this.imports = db.prepare<[string], Row<"ImportRecord", ImportCol>>(
      `SELECT ${columns("ImportRecord", IMPORT_COLS)} FROM ${IR} WHERE ${IR.datasetId} = ? ORDER BY ${IR.createdAt}, ${IR.id}`,
    ).all(this.datasetId).map((r) => ({
      file_name: r.fileName, sha256: r.fileHash, format: r.format, imported_at: iso(r.createdAt), imported_by: r.actor,
      added: { problems: r.problems, traces: r.traces, labels: r.labels, interventions: r.interventions },
    }));
  }

  result(): ProvenanceFacts {
    const obj = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      origins: obj(this.origins),
      statuses: obj(this.statuses),
      generators: obj(this.generators),
      attemptOrigins: obj(this.attemptOrigins),
      imports: this.imports,
      templates: [...this.templates.values()].map((t) => {
        const row = this.templateRows.find((x) => x.id === t.id);
        return { id: t.id, name: row?.name ?? null, version: row?.version ?? null, hash: t.hash, current_hash: row?.hash ?? null, rows: t.rows };
      }),
      proposers: [...this.proposers.values()],
      rollouts: [...this.rollouts.values()],
      jobs: this.jobs,
    };
  }
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function iso(d: string | number): string {
  const t = new Date(d);
  return Number.isNaN(t.getTime()) ? String(d) : t.toISOString();
}
