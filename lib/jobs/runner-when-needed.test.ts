import { describe, expect, it } from "vitest";
import { waitFor } from "@/test-support/jobs";
import { startRunnerWhenNeeded } from "./runner-when-needed";

describe("startRunnerWhenNeeded", () => {
  it("starts the runner at once when a job is active (a job left by a previous process resumes)", async () => {
    let starts = 0;
    const stop = startRunnerWhenNeeded(async () => true, { everyMs: 10, start: () => starts++ });
    await waitFor(() => starts === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(starts).toBe(1); // once, then never again
    stop();
  });

  it("starts nothing on an idle server, then starts once when a check finds work", async () => {
    let starts = 0;
    let active = false;
    const stop = startRunnerWhenNeeded(async () => active, { everyMs: 10, start: () => starts++ });
    await new Promise((r) => setTimeout(r, 60));
    expect(starts).toBe(0);
    active = true;
    await waitFor(() => starts === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(starts).toBe(1);
    stop();
  });

  it("starts the runner when the database cannot be asked (better a runner than a stuck job)", async () => {
    let starts = 0;
    const stop = startRunnerWhenNeeded(
      async () => {
        throw new Error("locked");
      },
      { everyMs: 10, start: () => starts++ },
    );
    await waitFor(() => starts === 1);
    stop();
  });
});
