// "Held back": a proposal that parsed but whose content contains the ground-truth answer, so it
// was not turned into an intervention (method.md: an intervention must not give the answer away).
// The parser records it as the parse failure code `answer_leak`, and the code is the prefix of
// the stored reason ("answer_leak: the content contains ..."), both on the Proposal row
// (parseReason) and in the propose job item's result (reason). This is the one place that reads it.

export const HELD_BACK_CODE = "answer_leak";

export function isHeldBack(p: { parseOk?: boolean | null; parseReason?: string | null }): boolean {
  return p.parseOk !== true && typeof p.parseReason === "string" && p.parseReason.startsWith(`${HELD_BACK_CODE}:`);
}

/** The reason without its code, for a person: "the content contains the ground-truth answer \"7\"". */
export function heldBackWhy(parseReason: string): string {
  return parseReason.startsWith(`${HELD_BACK_CODE}: `) ? parseReason.slice(HELD_BACK_CODE.length + 2) : parseReason;
}
