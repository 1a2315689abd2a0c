import { describe, expect, it } from "vitest";
import { CallSlots } from "./call-slots";

describe("CallSlots", () => {
  it("bounds the holders, hands a freed slot to the oldest waiter", async () => {
    const s = new CallSlots(2);
    await s.acquire();
    await s.acquire();
    const order: string[] = [];
    const a = s.acquire().then(() => order.push("a"));
    const b = s.acquire().then(() => order.push("b"));
    await Promise.resolve();
    expect(order).toEqual([]);
    s.release();
    await a;
    expect(order).toEqual(["a"]);
    s.release();
    await b;
    expect(order).toEqual(["a", "b"]);
  });

  it("an aborted waiter leaves the queue and does not take a slot", async () => {
    const s = new CallSlots(1);
    await s.acquire();
    const ac = new AbortController();
    const gone = s.acquire(ac.signal);
    const next = s.acquire();
    ac.abort(new Error("cancelled"));
    await expect(gone).rejects.toThrow("cancelled");
    s.release();
    await next; // the slot went to the waiter after the aborted one
    await expect(s.acquire(AbortSignal.abort(new Error("late")))).rejects.toThrow("late");
  });
});
