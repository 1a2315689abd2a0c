import * as store from "@/lib/data/job-store";
import { backoffDelay, sleep, type BackoffOptions } from "./backoff";
import { DoneBuffer } from "./done-buffer";
import { isAbort, isRetryable, isUnreachable, messageOf, retryAfterOf, urlOf } from "./errors";
import type { JobHandler } from "./types";
import type { JobKnobs } from "./settings";

// One job being worked by one runner: keeps up to `concurrency` items running (plus a few claimed
// ahead, so claims are batched), retries retryable failures with backoff, watches the job row for
// pause/cancel, and settles the job when no item is left.

export type ExecutionOptions = {
  owner: string;
  knobs: JobKnobs;
  backoff: BackoffOptions;
  controlMs: number;
  unreachableLimit: number;
  fallbackUrl?: string;
  log: (msg: string, e?: unknown) => void;
};

export class JobExecution {
  /** Every item this execution holds a lease on (running or claimed ahead), by id. */
  readonly inFlight = new Map<string, AbortController>();
  private readonly queue: store.ClaimedItem[] = [];
  private active = 0;
  private halted = false;
  private abandoned = false;
  private unreachableStreak = 0;
  private counted = { done: 0, failed: 0 };
  private readonly doneBuffer: DoneBuffer;
  private wake: () => void = () => {};

  constructor(
    readonly jobId: string,
    private readonly handler: JobHandler,
    private readonly params: Record<string, unknown>,
    private readonly opts: ExecutionOptions,
  ) {
    this.doneBuffer = new DoneBuffer((n) => (this.counted.done += n), opts.log);
  }

  /** Leased ids, including finished ones not yet written (the heartbeat keeps them all fresh). */
  leasedIds(): string[] {
    return [...this.inFlight.keys(), ...this.doneBuffer.ids()];
  }

  /** Stop claiming and interrupt running items; they go back to pending. */
  halt(): void {
    this.halted = true;
    for (const ac of this.inFlight.values()) ac.abort();
    this.wake();
  }

  /** Test hook for a crash: stop without writing anything more, leaving items "running". */
  abandon(): void {
    this.abandoned = true;
    this.doneBuffer.drop();
    this.halt();
  }

  async run(): Promise<void> {
    if (!(await store.markJobRunning(this.jobId))) return;
    const tasks = new Set<Promise<void>>();
    try {
      await this.loop(tasks);
    } finally {
      // Also on a database error in the loop: stop the items, hand back what was claimed ahead.
      this.halt();
      await Promise.allSettled([...tasks]);
      if (!this.abandoned) {
        for (const item of this.queue.splice(0)) {
          await store.releaseItem(item.id).catch((e) => this.opts.log(`could not release ${item.key}`, e));
          this.inFlight.delete(item.id);
        }
        await this.flush();
      }
    }
  }

  private async loop(tasks: Set<Promise<void>>): Promise<void> {
    const { concurrency } = this.opts.knobs;
    const ahead = Math.min(8, Math.ceil(concurrency / 4));
    let lastControl = Date.now();
    while (!this.halted) {
      if (Date.now() - lastControl >= this.opts.controlMs) {
        lastControl = Date.now();
        await this.flush();
        if ((await store.jobStatus(this.jobId)) !== "running") return;
      }
      const free = concurrency - this.active;
      if (free > this.queue.length) {
        for (const item of await store.claimItems(this.jobId, this.opts.owner, free - this.queue.length + ahead)) {
          this.inFlight.set(item.id, new AbortController());
          this.queue.push(item);
        }
      }
      // `active` counts items that hold a slot; an item that released its slot (its last calls
      // are under way) still runs, up to twice the concurrency in all.
      while (!this.halted && this.active < concurrency && tasks.size < 2 * concurrency && this.queue.length > 0) {
        const item = this.queue.shift() as store.ClaimedItem;
        this.active++;
        let held = true;
        const release = () => {
          if (!held) return;
          held = false;
          this.active--;
          this.wake();
        };
        const t: Promise<void> = this.runItemSafe(item, this.inFlight.get(item.id) as AbortController, release).finally(
          () => {
            release();
            this.inFlight.delete(item.id);
            tasks.delete(t);
            this.wake();
          },
        );
        tasks.add(t);
      }
      if (this.inFlight.size === 0) {
        await this.flush();
        const c = await store.itemCounts(this.jobId);
        if (c.pending === 0 && c.running === 0) {
          if (!this.halted) await store.finalizeJob(this.jobId);
          return;
        }
        // Items still leased by another (maybe dead) process: wait for them or their recovery.
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.opts.controlMs);
      });
    }
  }

  private async flush(): Promise<void> {
    await this.doneBuffer.flush();
    const { done, failed } = this.counted;
    this.counted = { done: 0, failed: 0 };
    try {
      await store.addCounts(this.jobId, done, failed);
    } catch (e) {
      this.counted.done += done;
      this.counted.failed += failed;
      throw e;
    }
  }

  private async runItemSafe(item: store.ClaimedItem, ac: AbortController, release: () => void): Promise<void> {
    try {
      await this.runItem(item, ac, release);
    } catch (e) {
      // A database hiccup while recording: the item stays leased and is recovered when its lease expires.
      this.opts.log(`job ${this.jobId} item ${item.key}: could not record the outcome`, e);
    }
  }

  private async runItem(item: store.ClaimedItem, ac: AbortController, release: () => void): Promise<void> {
    let attempts = item.attempts;
    for (;;) {
      try {
        const result = await this.handler.runItem(item.payload, {
          jobId: this.jobId,
          itemId: item.id,
          params: this.params,
          signal: ac.signal,
          concurrency: this.opts.knobs.concurrency,
          release,
        });
        this.unreachableStreak = 0;
        if (!this.abandoned) this.doneBuffer.add(item.id, result);
        return;
      } catch (e) {
        if (this.abandoned) return;
        if (ac.signal.aborted || isAbort(e)) return void (await store.releaseItem(item.id));
        const msg = messageOf(e);
        // Server down pauses the job: after `unreachableLimit` unreachable errors in a row, or when
        // an item would run out of attempts on one (a job of one item, e.g. one trace whose K
        // proposals share a request, never reaches the streak): it is not the item's fault.
        if (
          isUnreachable(e) &&
          (++this.unreachableStreak >= this.opts.unreachableLimit || attempts >= this.opts.knobs.maxAttempts)
        ) {
          await this.pauseUnreachable(e);
          return void (await store.releaseItem(item.id));
        }
        if (!isRetryable(e) || attempts >= this.opts.knobs.maxAttempts) {
          if (await store.failItem(item.id, attempts > 1 ? `${msg} (after ${attempts} attempts)` : msg))
            this.counted.failed++;
          return;
        }
        try {
          await sleep(backoffDelay(attempts, this.opts.backoff, retryAfterOf(e)), ac.signal);
        } catch {
          if (!this.abandoned) await store.releaseItem(item.id);
          return;
        }
        attempts++;
        await store.bumpAttempt(item.id, msg);
      }
    }
  }

  private async pauseUnreachable(e: unknown): Promise<void> {
    const url =
      urlOf(e) ??
      (typeof this.params.baseUrl === "string" ? this.params.baseUrl : undefined) ??
      this.opts.fallbackUrl ??
      "the configured URL";
    const error = `model server unreachable at ${url}; resume when it is up (${messageOf(e)})`;
    this.opts.log(`job ${this.jobId} paused: ${error}`);
    await store.pauseWithError(this.jobId, error);
    this.halt();
  }
}
