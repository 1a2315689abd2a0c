import { randomUUID } from "node:crypto";
import { jobParamsText } from "@/lib/data/jobs";
import { env } from "@/lib/env";
import * as store from "@/lib/data/job-store";
import { getHandler } from "./registry";
import { jobKnobs, type JobKnobs } from "./settings";
import { JobExecution } from "./execution";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff";

// The job runner: one per server process (started from instrumentation.ts) and one per CLI
// run. It polls for queued/running jobs, runs each with a JobExecution, refreshes the leases
// of its in-flight items and hands items of dead processes back to pending. Nothing in the
// loop may throw out of it: every error is logged and the loop goes on.

export type RunnerOptions = {
  pollMs?: number; // how often to look for jobs and stale leases
  controlMs?: number; // how often an execution re-reads its job's status (pause/cancel)
  leaseMs?: number; // a running item not heartbeated for this long belongs to a dead process
  backoff?: BackoffOptions;
  unreachableLimit?: number; // consecutive unreachable errors that pause a job
  knobs?: Partial<JobKnobs>; // overrides for every job (tests, benchmarks)
  onlyJobId?: string; // a CLI runner works on its own job only
  log?: (msg: string, e?: unknown) => void;
};

/** Is a process of this machine still there? (EPERM: it exists but is not ours.) */
export function pidAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

const defaultLog = (msg: string, e?: unknown) => (e ? console.error(`[jobs] ${msg}`, e) : console.log(`[jobs] ${msg}`));

export class JobRunner {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly executions = new Map<string, JobExecution>();
  private readonly running = new Map<string, Promise<void>>();
  private timer?: ReturnType<typeof setTimeout>;
  private beat?: ReturnType<typeof setInterval>;
  private stopped = true;
  private ticking?: Promise<void>;
  private lastRecovery = 0;
  private readonly o: Required<Omit<RunnerOptions, "onlyJobId" | "knobs">> & Pick<RunnerOptions, "onlyJobId" | "knobs">;

  constructor(opts: RunnerOptions = {}) {
    this.o = {
      pollMs: 1000,
      controlMs: 500,
      leaseMs: 20_000,
      backoff: DEFAULT_BACKOFF,
      unreachableLimit: 5,
      log: defaultLog,
      ...opts,
    };
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    const hb = Math.max(50, Math.floor(this.o.leaseMs / 4));
    this.beat = setInterval(() => void this.heartbeat(), hb);
    this.beat.unref?.();
    void this.tick();
    return this;
  }

  /** Look for work now (after a job is created or resumed) instead of at the next poll. */
  wake(): void {
    if (!this.stopped) void this.tick();
  }

  /** Graceful stop: in-flight items are interrupted and returned to pending; jobs stay "running" for the next boot. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.beat);
    for (const ex of this.executions.values()) ex.halt();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Test hook: behave like a killed process (no more writes, leases left to expire). */
  abandon(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.beat);
    for (const ex of this.executions.values()) ex.abandon();
  }

  inFlightIds(): string[] {
    return [...this.executions.values()].flatMap((ex) => ex.leasedIds());
  }

  /** Resolves when the given job's execution in this runner ends. */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId);
  }

  private async heartbeat(): Promise<void> {
    try {
      await store.heartbeat(this.inFlightIds());
    } catch (e) {
      this.o.log("heartbeat failed", e);
    }
  }

  private tick(): Promise<void> {
    this.ticking ??= this.doTick().finally(() => {
      this.ticking = undefined;
      if (!this.stopped) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.tick(), this.o.pollMs);
        this.timer.unref?.();
      }
    });
    return this.ticking;
  }

  private async doTick(): Promise<void> {
    try {
      // Leases are checked a few times per lease period, not on every poll.
      if (Date.now() - this.lastRecovery >= Math.min(this.o.leaseMs / 4, 5_000)) {
        this.lastRecovery = Date.now();
        const n =
          (await store.recoverStale(this.o.leaseMs, this.inFlightIds(), this.o.onlyJobId)) +
          (await store.recoverDeadOwners(pidAlive, this.o.onlyJobId));
        if (n > 0) this.o.log(`returned ${n} item(s) of a stopped process to pending`);
      }
      if (this.o.onlyJobId && this.running.has(this.o.onlyJobId)) return;
      const jobs = await store.jobsToRun([...this.running.keys()]);
      for (const j of jobs) {
        if (this.stopped) return;
        if (this.o.onlyJobId && j.id !== this.o.onlyJobId) continue;
        const handler = await getHandler(j.kind);
        if (!handler) continue; // its stage is not installed in this process: leave it queued
        await this.launch(j.id, handler);
      }
    } catch (e) {
      this.o.log("runner tick failed", e);
    }
  }

  private async launch(jobId: string, handler: NonNullable<Awaited<ReturnType<typeof getHandler>>>): Promise<void> {
    const stored = await jobParamsText(jobId);
    if (stored === null) return;
    const params = store.parseObject(stored);
    const knobs = { ...(await jobKnobs(params)), ...this.o.knobs };
    const ex = new JobExecution(jobId, handler, params, {
      owner: this.owner,
      knobs,
      backoff: this.o.backoff,
      controlMs: this.o.controlMs,
      unreachableLimit: this.o.unreachableLimit,
      fallbackUrl: env().MODEL_BASE_URL,
      log: this.o.log,
    });
    this.executions.set(jobId, ex);
    const p = ex
      .run()
      .catch((e) => this.o.log(`job ${jobId} stopped on an error; it resumes on the next poll`, e))
      .finally(() => {
        this.executions.delete(jobId);
        this.running.delete(jobId);
      });
    this.running.set(jobId, p);
  }
}
