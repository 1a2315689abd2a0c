// Model calls in flight across the items of one job: at most the runner's concurrency x the
// stage's per-item limit, as if every item kept its share. With items releasing their runner
// slot when their last calls start (ItemContext.release), the next item takes over each call
// slot the moment a straggler frees it, instead of all of an item's slots waiting for its
// slowest call. FIFO, abortable.

export class CallSlots {
  private used = 0;
  private readonly waiting: {
    resolve: () => void;
    reject: (e: unknown) => void;
    signal?: AbortSignal;
    onAbort?: () => void;
  }[] = [];

  constructor(readonly size: number) {}

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.used < this.size) {
      this.used++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const w: (typeof this.waiting)[number] = { resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.waiting.indexOf(w);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", w.onAbort, { once: true });
      }
      this.waiting.push(w);
    });
  }

  release(): void {
    const w = this.waiting.shift();
    if (!w) {
      this.used--;
      return;
    }
    if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
    w.resolve(); // the slot passes straight to the next waiter
  }
}

const perJob = new Map<string, CallSlots>();

/** The job's shared slots (one set per job and size; the oldest sets are dropped past 64 jobs). */
export function callSlots(jobId: string, size: number): CallSlots {
  const key = `${jobId}:${size}`;
  let s = perJob.get(key);
  if (!s) {
    s = new CallSlots(size);
    perJob.set(key, s);
    if (perJob.size > 64) perJob.delete(perJob.keys().next().value as string);
  }
  return s;
}
