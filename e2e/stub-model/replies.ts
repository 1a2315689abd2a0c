// Canned replies of the stub model server (a TEST TOOL: it is never shown as a model).
// Everything here is ordinary text a verifier might write, including the malformed cases the
// parser must survive.

export type StubReply =
  | { kind: "text"; text: string; delayMs?: number; finishReason?: string }
  | { kind: "status"; status: number; body?: unknown; delayMs?: number; retryAfterS?: number }
  | { kind: "drop"; delayMs?: number } // the socket is destroyed without an answer
  | { kind: "garbage"; body: string; delayMs?: number; contentType?: string } // 200 with a body that is not a chat completion
  | { kind: "stall"; delayMs?: number } // 200, headers and half a chat completion, then nothing (never ends)
  | { kind: "auto"; location?: number | "last"; content?: string; delayMs?: number }; // well-formed turn 1 / turn 2

export type StubRequest = {
  index: number;
  path: string;
  body: Record<string, unknown>;
  messages: { role: string; content: string }[];
};

export const verification = (json: string, opts: { before?: string } = {}) =>
  `## Verification log\n**Substep 1:** correct.\n**Substep 2:** the arithmetic is off.\n\n## Critical error report\nThe first critical error is in Substep 2: it miscomputes the sum and nothing later fixes it.\n\n## Intervention\n${opts.before ?? ""}Self-check: no exact answer, no missing insight, location not later.\n<intervention>${json}</intervention>`;

/** Ready-made turn-2 outputs for tests (String.raw: each backslash is what the "model" wrote). */
export const CANNED = {
  valid: (location = 2) =>
    verification(`{"content": "Wait, let me recompute the sum carefully before going on.", "location": ${location}}`),
  latexUnescaped: verification(
    String.raw`{"content": "Let me redo this: $\frac{a}{b} \neq \binom{5}{2} \times \theta$, so check $\left(x\right)$ again.", "location": "Substep 2"}`,
  ),
  twoTags: verification(`{"content": "final answer step", "location": 3}`, {
    before: `Draft: <intervention>{"content": "draft", "location": 1}</intervention>\n`,
  }),
  noTag: "## Verification log\nAll substeps look fine to me.\n\n## Critical error report\nI could not find one.",
  wrongLocation: verification(`{"content": "Check the base case.", "location": 99}`),
  answerLeak: (answer: string) => verification(`{"content": "So the result must be ${answer}.", "location": 2}`),
  unescapedQuotes: verification(`{"content": "Call the "key" quantity S and bound it.", "location": 2}`),
  emptyContent: verification(`{"content": "", "location": 2}`),
  /** Box 1: no critical error, so the intervention is left empty (a model "no error" label, not a parse failure) */
  noError:
    '## Verification log\n- **Substep 1:** correct.\n\n## Critical error report\nNo critical error: every substep holds up.\n\n## Intervention\n<intervention>{"content": "", "location": null}</intervention>',
} as const;

export const TURN1_TEXT =
  "Following the reference: set up the quantities, compute carefully, and conclude. The answer is \\boxed{0}.";

function substepCount(text: string): number {
  return (text.match(/\*\*Substep \d+:\*\*/g) ?? []).length;
}

/** The default answer: turn 1 -> a solution; turn 2 -> a valid intervention at step min(2, n). */
export function autoReply(req: StubRequest, r: Extract<StubReply, { kind: "auto" }> = { kind: "auto" }): string {
  const last = req.messages[req.messages.length - 1];
  if (req.body.continue_final_message) return " and so the answer is \\boxed{0}.";
  if (req.messages.length < 3 || last?.role !== "user") return TURN1_TEXT;
  const n = Math.max(1, substepCount(last.content));
  const loc = r.location === "last" ? n : Math.min(r.location ?? 2, n);
  const content = r.content ?? "Wait, let me recompute this step carefully before going on.";
  return verification(JSON.stringify({ content, location: loc }));
}
