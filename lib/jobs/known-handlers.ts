import type { JobHandler, JobKind } from "./types";

// The stages the runner can load on demand, one loader per kind. Imports stay lazy so the
// runner starts without loading every stage (and a broken stage cannot stop the others);
// add a line when a stage lands.
export const knownHandlers: Partial<Record<JobKind, () => Promise<JobHandler | undefined>>> = {
  propose: () => import("@/lib/propose/handler").then((m) => m.proposeHandler),
  rollouts: () => import("@/lib/rollouts/handler").then((m) => m.rolloutsHandler),
  sample: () => import("@/lib/rollouts/sample-handler").then((m) => m.sampleHandler),
  onpolicy: () => import("@/lib/onpolicy/handler").then((m) => m.onpolicyHandler),
};
