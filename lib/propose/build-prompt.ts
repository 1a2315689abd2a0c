import {
  numberedAttempt,
  turn1Messages,
  turn2Messages,
  type ChatMessage,
  type TemplateText,
} from "@/lib/core/prompts/render";
import { countChatTokens, countTokens, PER_MESSAGE_TOKENS, truncateToTokens } from "@/lib/model/tokens";

// The two prompts of one proposal. The verifier prompt (turn 1 + its reply + turn 2) is kept
// under `maxPromptTokens` (paper: 30,000) by cutting the end of the student's attempt first,
// then the end of the turn-1 reply; what was cut is recorded.

export type ProblemText = { statement: string; referenceSolution: string; answer: string };

export function solveMessages(t: TemplateText, p: ProblemText): ChatMessage[] {
  return turn1Messages(t, { problem: p.statement, reference_solution: p.referenceSolution, answer: p.answer });
}

export type VerifierPrompt = {
  messages: ChatMessage[];
  /** null when not counted: a prompt of at most `max` UTF-8 bytes cannot exceed `max` tokens (byte-level BPE) */
  promptTokens: number | null;
  originalTokens: number | null;
  truncated: boolean;
  truncation: null | { attemptTokensCut: number; replyTokensCut: number; limit: number };
};

export function verifierPrompt(
  t: TemplateText,
  p: ProblemText,
  traceText: string,
  turn1Reply: string,
  maxPromptTokens: number,
): VerifierPrompt {
  const vars = {
    problem: p.statement,
    reference_solution: p.referenceSolution,
    answer: p.answer,
    attempt: numberedAttempt(traceText),
  };
  const full = turn2Messages(t, vars, turn1Reply);
  const bytes =
    full.reduce((n, m) => n + Buffer.byteLength(m.content, "utf8"), 0) + full.length * PER_MESSAGE_TOKENS + 3;
  if (bytes <= maxPromptTokens)
    return { messages: full, promptTokens: null, originalTokens: null, truncated: false, truncation: null };
  const originalTokens = countChatTokens(full);
  if (originalTokens <= maxPromptTokens) {
    return { messages: full, promptTokens: originalTokens, originalTokens, truncated: false, truncation: null };
  }
  let over = originalTokens - maxPromptTokens;
  const attemptTokens = countTokens(vars.attempt);
  const attemptCut = Math.min(over, attemptTokens);
  const attempt = truncateToTokens(vars.attempt, attemptTokens - attemptCut).text;
  over -= attemptCut;
  const replyTokens = countTokens(turn1Reply);
  const replyCut = Math.min(over, replyTokens);
  const reply = replyCut > 0 ? truncateToTokens(turn1Reply, replyTokens - replyCut).text : turn1Reply;
  const messages = turn2Messages(t, { ...vars, attempt }, reply);
  return {
    messages,
    promptTokens: countChatTokens(messages),
    originalTokens,
    truncated: true,
    truncation: { attemptTokensCut: attemptCut, replyTokensCut: replyCut, limit: maxPromptTokens },
  };
}
