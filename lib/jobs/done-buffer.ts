import * as store from "@/lib/data/job-store";

// Finished items are written in batches (one UPDATE per batch: up to 32 items or 250 ms) instead
// of one write per item: at 32 items in flight, per-item writes cost measurable throughput. A crash
// loses at most one batch, whose items are simply run again: stages store their results before
// returning and find them on the re-run (propose: the proposal; rollouts: the stored samples).

export class DoneBuffer {
  private items: { id: string; result: Record<string, unknown> }[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly onCounted: (n: number) => void,
    private readonly log: (msg: string, e?: unknown) => void,
    private readonly maxBatch = 32,
    private readonly maxDelayMs = 250,
  ) {}

  get size(): number {
    return this.items.length;
  }

  add(id: string, result: Record<string, unknown>): void {
    this.items.push({ id, result });
    if (this.items.length >= this.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** Write everything buffered so far (waits for a flush already under way). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(async () => {
      const batch = this.items.splice(0, this.items.length);
      if (batch.length === 0) return;
      try {
        this.onCounted((await store.completeItems(batch)).length);
      } catch (e) {
        this.items.unshift(...batch); // kept for the next flush; the leases stay fresh meanwhile
        this.log(`could not record ${batch.length} finished item(s); will retry`, e);
      }
    });
    return this.flushing;
  }

  /** A crash: forget the batch (its items stay leased and are recovered elsewhere). */
  drop(): void {
    clearTimeout(this.timer);
    this.items = [];
  }

  ids(): string[] {
    return this.items.map((i) => i.id);
  }
}
