import type { ChatMessage } from "@/lib/core/prompts/render";
import { guidedParts } from "@/lib/core/guided";
import { splitSteps } from "@/lib/core/steps";

// Rollout conditions of method.md §6-7 (paper Table 1). Every condition but "problem" continues
// an assistant turn: [user: problem, assistant: <start>] sent with continue_final_message: true,
// add_generation_prompt: false (vLLM), so the model writes on from the exact bytes of <start>.
//   problem      : [user: problem], a fresh answer (add_generation_prompt: true)
//   prefix       : steps 1 .. t*-1 + "\n\n" (the prefix before the first critical error)
//   original     : prefix + the original erroneous step t*
//   intervention : prefix + intervention (the guided attempt of method.md §4)
// When t* = 1 the prefix is empty; "prefix" then degenerates to the problem alone.

/** In Table 1's order (the order every list, table and chart shows them in). */
export const CONDITIONS = ["problem", "prefix", "original", "intervention"] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Rollout rows of sampled attempts (sample jobs) carry this condition: no start text, not a Table 1 column. */
export const ATTEMPT_CONDITION = "attempt";
/** Every condition a Rollout row can carry, in display order: Table 1's, then the sampled attempts. */
export const ROLLOUT_ROW_CONDITIONS: readonly string[] = [...CONDITIONS, ATTEMPT_CONDITION];

export function isCondition(v: unknown): v is Condition {
  return typeof v === "string" && (CONDITIONS as readonly string[]).includes(v);
}

export type RolloutSource = { problem: string; attempt: string; location: number; content: string };

export type RolloutPrompt = {
  messages: ChatMessage[];
  /** the assistant text the model continues ("" for a fresh answer) */
  start: string;
  /** vLLM chat-template switches sent in the request body */
  extraBody: { continue_final_message: boolean; add_generation_prompt: boolean };
};

const FRESH = { continue_final_message: false, add_generation_prompt: true };
const CONTINUE = { continue_final_message: true, add_generation_prompt: false };

/** The start text of a condition (byte-exact pieces of the attempt and the intervention). */
export function conditionStart(condition: Condition, s: RolloutSource): string {
  if (condition === "problem") return "";
  const parts = guidedParts(s.attempt, s.location, s.content);
  if (condition === "intervention") return parts.text;
  if (condition === "prefix") return parts.prefix;
  return parts.prefix + splitSteps(s.attempt)[s.location - 1];
}

export function rolloutPrompt(condition: Condition, s: RolloutSource): RolloutPrompt {
  return continuationPrompt(s.problem, conditionStart(condition, s));
}

/** [user: problem] alone when `start` is empty, else [user, assistant: start] continued. */
export function continuationPrompt(problem: string, start: string): RolloutPrompt {
  if (start === "") return { messages: [{ role: "user", content: problem }], start, extraBody: FRESH };
  return {
    messages: [
      { role: "user", content: problem },
      { role: "assistant", content: start },
    ],
    start,
    extraBody: CONTINUE,
  };
}
