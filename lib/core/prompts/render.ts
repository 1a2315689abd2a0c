import { sha256 } from "../hash";
import { numberSteps, splitSteps } from "../steps";

// Rendering of a two-turn verifier template. One pass, so text substituted from a dataset
// (which may itself contain "{{attempt}}") is never expanded again.

export type TemplateVars = { problem: string; reference_solution: string; answer: string; attempt: string };
export type TemplateText = { turn1: string; turn2: string };
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export const TEMPLATE_PLACEHOLDERS = ["problem", "reference_solution", "answer", "attempt"] as const;

/** What each placeholder becomes; shown on /settings beside the template editor. */
export const PLACEHOLDER_HELP: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string> = {
  problem: "the problem statement",
  reference_solution: "the problem's reference solution (the oracle)",
  answer: "the ground-truth final answer, as stored (the paper's self-check names it: does the step contain it?)",
  attempt: "the student's attempt, each step prefixed **Substep i:** (turn 2)",
};

export function renderTemplate(text: string, vars: Partial<Record<string, string>>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (m, key: string) =>
    vars[key] !== undefined ? (vars[key] as string) : m,
  );
}

export function templateHash(t: TemplateText): string {
  return sha256(t.turn1, t.turn2);
}

/** The student's attempt as the verifier sees it: steps of method.md prefixed `**Substep i:**`. */
export function numberedAttempt(traceText: string): string {
  return numberSteps(splitSteps(traceText));
}

export function turn1Messages(t: TemplateText, v: Omit<TemplateVars, "attempt">): ChatMessage[] {
  return [{ role: "user", content: renderTemplate(t.turn1, v) }];
}

/** The full verifier conversation: turn 1 (user), the generated solution (assistant), turn 2 (user). */
export function turn2Messages(t: TemplateText, v: TemplateVars, turn1Reply: string): ChatMessage[] {
  return [
    ...turn1Messages(t, v),
    { role: "assistant", content: turn1Reply },
    { role: "user", content: renderTemplate(t.turn2, v) },
  ];
}
