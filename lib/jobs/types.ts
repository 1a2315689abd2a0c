// Contract between the job runner (lib/jobs) and the stages that do the work
// (propose, rollouts, sample). A stage plans idempotent items (unique `key` per job) and
// runs one item at a time; the runner owns concurrency, retries, progress, pause/cancel and
// resume after a restart. `runItem` must be safe to re-run after a crash (write its results
// with upserts keyed by the item id) because an item that was running when the process died
// is run again.

export type JobKind = "propose" | "rollouts" | "sample" | "onpolicy";

export type PlannedItem = { key: string; payload: Record<string, unknown> };

export type ItemContext = {
  jobId: string;
  itemId: string;
  params: Record<string, unknown>;
  signal: AbortSignal; // aborted on cancel/pause
  /** the runner's item concurrency for this job */
  concurrency?: number;
  /**
   * The item has started its last model calls: the runner may start the next item while they
   * finish, so a slow straggler does not hold a whole item's share of the calls in flight.
   * Stages that use it bound their calls across items themselves (lib/jobs/call-slots.ts).
   */
  release?: () => void;
};

export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "RetryableError";
  }
}

export type JobHandler = {
  kind: JobKind;
  /**
   * Optional: complete the params when the job is created (defaults such as the model and the
   * active template), so the stored params say exactly what every item used. Runs before plan().
   */
  prepare?(params: Record<string, unknown>, datasetId: string | null): Promise<Record<string, unknown>>;
  /** Items for a new job; params are the job's stored params. */
  plan(params: Record<string, unknown>, datasetId: string | null): Promise<PlannedItem[]>;
  /** Do one item; return a JSON-able result summary. Throw RetryableError for transient failures. */
  runItem(payload: Record<string, unknown>, ctx: ItemContext): Promise<Record<string, unknown>>;
};

/** The model server could not be reached (connection refused, DNS, reset). Retryable; many in a row pause the job. */
export class UnreachableError extends RetryableError {
  constructor(
    message: string,
    readonly url?: string,
  ) {
    super(message);
    this.name = "UnreachableError";
  }
}

export type JobStatus = "queued" | "running" | "paused" | "done" | "failed" | "cancelled";

/** Progress snapshot reported to the UI and the CLI. */
export type JobProgress = {
  jobId: string;
  status: JobStatus;
  total: number;
  done: number;
  failed: number;
  running: number;
  pending: number;
  error: string | null;
};
