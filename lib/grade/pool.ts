// A pool of worker threads that grade answers. The compute engine can hang on some inputs
// (\sum_{n=1}^{10^9} n): each job gets a hard wall-clock limit, after which its worker is
// terminated and replaced (by a warm spare when there is one) while the other workers keep
// grading. The job itself comes back as a `timeout` verdict.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { extractPrediction } from "@/lib/core/grade/grade";
import type { Verdict } from "@/lib/core/grade/types";
import type { GradeJob, JobMessage, WorkerInit, WorkerReply } from "./protocol";
import { workerPath } from "./worker-path";

export { workerPath };

export interface PoolOptions {
  /** Worker threads that grade (default: available cores). */
  size?: number;
  /** A job running longer than this is killed with its worker (default 2000 ms). */
  hardLimitMs?: number;
  /** Time limit handed to the compute engine inside a job (default min(1000, hardLimitMs / 2)). */
  softLimitMs?: number;
  /** Jobs sent ahead to each worker, so it never waits for the next message (default 2). */
  depth?: number;
  /** A job queued behind one running longer than this is handed to another worker (default 50 ms). */
  stallMs?: number;
  /** Keep one extra warm worker to swap in when one is killed (default true). */
  spare?: boolean;
  /** The worker entry (default workerPath()); tests of the kill path pass one that can be made to hang. */
  workerScript?: string;
  /** Memoise LaTeX parses in the workers (default true; benchmarks turn it off). */
  parseCache?: boolean;
}

export interface PoolVerdict extends Verdict {
  /** Wall time from the first dispatch to a worker until the verdict (ms). */
  ms: number;
}

interface Pending {
  msg: JobMessage;
  resolve: (v: PoolVerdict) => void;
  sentAt: number;
  done: boolean;
  /** Workers holding it in flight; `queued` while it waits in the pool's queue. */
  copies: number;
  queued: boolean;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  dead: boolean;
  /** Sent to this worker in order; [0] is the one running. */
  inflight: Pending[];
  timer?: NodeJS.Timeout;
  stall?: NodeJS.Timeout;
}

export class GradePool {
  readonly size: number;
  readonly hardLimitMs: number;
  readonly softLimitMs: number;
  readonly stats = { completed: 0, killed: 0, crashed: 0, spawned: 0, handedOver: 0 };
  private slots: Slot[] = [];
  private spare: Slot | null = null;
  private spareTimer?: NodeJS.Timeout;
  private queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  private readonly depth: number;
  private readonly stallMs: number;
  private readonly useSpare: boolean;
  private readonly init: WorkerInit;
  private readonly path: string;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? availableParallelism());
    this.hardLimitMs = opts.hardLimitMs ?? 2000;
    this.softLimitMs = opts.softLimitMs ?? Math.min(1000, Math.floor(this.hardLimitMs / 2));
    this.depth = Math.max(1, opts.depth ?? 2);
    this.stallMs = opts.stallMs ?? 50;
    this.useSpare = opts.spare ?? true;
    this.init = { parseCache: opts.parseCache ?? true };
    this.path = opts.workerScript ?? workerPath();
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
    // The spare starts after the first workers are up, so it does not slow their start.
    if (this.useSpare) void this.ready().then(() => this.refillSpare());
  }

  /** Resolves when every grading worker has loaded the engine. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  grade(job: GradeJob): Promise<PoolVerdict> {
    return new Promise((resolve) => {
      if (this.closed) return resolve(failed(job, "error", "pool closed", 0));
      const msg: JobMessage = { ...job, id: this.nextId++, softLimitMs: this.softLimitMs };
      this.queue.push({ msg, resolve, sentAt: 0, done: false, copies: 0, queued: true });
      this.dispatch();
    });
  }

  /** Grade many jobs; verdicts come back in input order. */
  gradeAll(jobs: GradeJob[]): Promise<PoolVerdict[]> {
    return Promise.all(jobs.map((j) => this.grade(j)));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.spareTimer);
    const all = [...this.slots, ...(this.spare ? [this.spare] : [])];
    const open = [...this.queue.splice(0), ...all.flatMap((s) => s.inflight)];
    for (const s of all) {
      s.dead = true;
      clearTimeout(s.timer);
      clearTimeout(s.stall);
      s.inflight = [];
    }
    for (const j of open) this.finish(j, failed(j.msg, "error", "pool closed", 0));
    await Promise.all(all.map((s) => s.worker.terminate()));
  }

  private finish(job: Pending, v: PoolVerdict): void {
    if (job.done) return;
    job.done = true;
    job.resolve(v);
  }

  private spawn(): Slot {
    const worker = new Worker(this.path, { workerData: this.init, execArgv: [] });
    this.stats.spawned++;
    let markReady!: () => void;
    const slot: Slot = {
      worker,
      ready: new Promise<void>((r) => (markReady = r)),
      isReady: false,
      dead: false,
      inflight: [],
    };
    worker.on("message", (m: WorkerReply) => {
      if (slot.dead) return;
      if (m.type === "ready") {
        slot.isReady = true;
        markReady();
        this.dispatch();
        return;
      }
      const i = slot.inflight.findIndex((j) => j.msg.id === m.id);
      if (i === -1) return;
      const [job] = slot.inflight.splice(i, 1);
      job.copies--;
      if (i === 0) this.arm(slot);
      if (!job.done) this.stats.completed++;
      const ms = performance.now() - job.sentAt;
      this.finish(job, m.type === "result" ? { ...m.verdict, ms } : failed(job.msg, "error", m.message, ms));
      this.dispatch();
    });
    const crash = (why: string) => {
      if (slot.dead || this.closed) return;
      this.stats.crashed++;
      this.retire(slot, "error", `grading worker crashed: ${why}`);
    };
    worker.on("error", (e) => crash(e instanceof Error ? e.message : String(e)));
    worker.on("exit", (code) => crash(`exit code ${code}`));
    return slot;
  }

  private dispatch(): void {
    if (this.spareTimer && this.queue.length === 0 && this.slots.every((x) => x.inflight.length === 0))
      this.refillSpare();
    for (let level = 0; level < this.depth; level++) {
      for (const slot of this.slots) {
        if (!slot.isReady || slot.dead || slot.inflight.length > level) continue;
        let job = this.queue.shift();
        while (job && job.done) job = this.queue.shift();
        if (!job) return;
        job.queued = false;
        job.copies++;
        if (!job.sentAt) job.sentAt = performance.now();
        slot.inflight.push(job);
        slot.worker.postMessage(job.msg);
        if (slot.inflight.length === 1) this.arm(slot);
      }
    }
  }

  /** Start the hard limit (and the stall watch) of the job now running on the slot. */
  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.stall);
    if (slot.inflight.length === 0 || slot.dead) return;
    slot.timer = setTimeout(() => {
      this.stats.killed++;
      this.retire(slot, "timeout", `worker killed after the hard limit of ${this.hardLimitMs} ms`);
    }, this.hardLimitMs);
    if (this.depth > 1) slot.stall = setTimeout(() => this.handOver(slot), this.stallMs);
  }

  /** The running job is slow: give the jobs queued behind it to other workers (first verdict wins). */
  private handOver(slot: Slot): void {
    const waiting = slot.inflight.slice(1).filter((j) => !j.done && !j.queued);
    for (const j of waiting) j.queued = true;
    this.stats.handedOver += waiting.length;
    this.queue.unshift(...waiting);
    this.dispatch();
  }

  private refillSpare(): void {
    clearTimeout(this.spareTimer);
    this.spareTimer = undefined;
    if (this.useSpare && !this.closed && !this.spare) this.spare = this.spawn();
  }

  /**
   * A new spare costs a second or two of CPU to start; starting it while every worker is grading
   * would slow them. Start it when the pool is idle, or after 5 s at the latest.
   */
  private scheduleSpare(): void {
    if (!this.useSpare || this.closed || this.spareTimer) return;
    this.spareTimer = setTimeout(() => this.refillSpare(), 5000);
    this.spareTimer.unref();
  }

  /** Terminate the slot's worker, answer its running job, requeue the ones behind it, replace it. */
  private retire(slot: Slot, verdict: "timeout" | "error", reason: string): void {
    slot.dead = true;
    clearTimeout(slot.timer);
    clearTimeout(slot.stall);
    const [running, ...behind] = slot.inflight;
    slot.inflight = [];
    void slot.worker.terminate();
    if (slot === this.spare) {
      this.spare = null;
      this.scheduleSpare();
      return;
    }
    const i = this.slots.indexOf(slot);
    if (i !== -1 && !this.closed) {
      const spare = this.spare;
      if (spare && !spare.dead) {
        this.slots[i] = spare;
        this.spare = null;
        this.scheduleSpare();
      } else this.slots[i] = this.spawn();
    }
    if (running) {
      running.copies--;
      this.finish(running, failed(running.msg, verdict, reason, performance.now() - running.sentAt));
    }
    const requeue = behind.filter((j) => --j.copies === 0 && !j.done && !j.queued);
    for (const j of requeue) j.queued = true;
    this.queue.unshift(...requeue);
    this.dispatch();
  }
}

function failed(job: GradeJob, verdict: "timeout" | "error", reason: string, ms: number): PoolVerdict {
  const ex = extractPrediction(job.pred, { predMode: job.predMode });
  return {
    verdict,
    reason,
    ms,
    method: verdict === "timeout" ? "hard-limit" : "worker",
    extracted: ex.ok ? ex.answer : null,
    extractMethod: ex.ok ? ex.method : undefined,
  };
}
