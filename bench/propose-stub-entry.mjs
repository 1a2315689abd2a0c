// Entry of the benchmark's stub-model thread (plain JS): loads the TypeScript stub through tsx,
// like lib/jobs/worker-entry.mjs does for the job runner.
import { register } from "tsx/esm/api";

register();
await import("./propose-stub-thread.ts");
