// Messages between the grading pool and its worker threads.
import type { PredMode, Verdict } from "@/lib/core/grade/types";

export interface GradeJob {
  gold: string;
  pred: string;
  predMode?: PredMode;
}

export interface JobMessage extends GradeJob {
  id: number;
  softLimitMs: number;
}

export type WorkerReply =
  | { type: "ready" }
  | { type: "result"; id: number; verdict: Verdict; ms: number }
  | { type: "failed"; id: number; message: string };

export interface WorkerInit {
  /** Memoise LaTeX parses inside the worker (default true). */
  parseCache?: boolean;
}
