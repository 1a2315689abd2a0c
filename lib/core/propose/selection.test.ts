import { describe, expect, it } from "vitest";
import { decideSelection, describeSelection, nothingToSend, type SelectionTrace } from "./selection";

const t = (id: string, answer: SelectionTrace["answer"], hasReference = true, done = false): SelectionTrace => ({
  id,
  answer,
  hasReference,
  done,
});
const NONE = { includeCorrect: false, includeNoReference: false };
const FLAGS = { includeCorrect: "--include-correct", includeNoReference: "--include-no-reference" };

describe("decideSelection", () => {
  it("skips correct answers first, then refuses no-reference problems; unknown answers are sent and counted", () => {
    const s = decideSelection(
      [
        t("a", "wrong"),
        t("b", "correct"),
        t("c", "unknown"),
        t("d", "correct", false),
        t("e", "wrong", false),
        t("f", "wrong", true, true),
      ],
      NONE,
    );
    expect(s.send).toEqual(["a", "c"]);
    expect(s.counts).toMatchObject({
      selected: 6,
      wrong: 1,
      unknown: 1,
      correctSkipped: 2,
      noReferenceSkipped: 1,
      alreadyDone: 1,
    });
    expect(describeSelection(s.counts)).toBe(
      "Propose for 1 wrong-answer trace + 1 that cannot be graded (2 correct skipped, 1 without a reference, 1 already proposed)",
    );
  });

  it("a person's inclusion sends them and says so; the limit counts only what is sent", () => {
    const s = decideSelection(
      [t("a", "correct"), t("b", "wrong", false), t("c", "wrong"), t("d", "wrong")],
      { includeCorrect: true, includeNoReference: true },
      3,
    );
    expect(s.send).toEqual(["a", "b", "c"]);
    expect(describeSelection(s.counts)).toBe(
      "Propose for 2 wrong-answer traces + 1 correct (included) (correct included, 1 sent without a reference, 1 over the limit)",
    );
  });

  it("nothing to send: says why and what includes them; an empty run for other reasons is not refused", () => {
    const c = decideSelection([t("a", "correct"), t("b", "wrong", false)], NONE).counts;
    expect(nothingToSend(c, FLAGS)).toBe(
      "Nothing to propose: 0 wrong-answer traces (1 correct skipped, 1 without a reference). Use --include-correct to include correct ones; --include-no-reference to send traces without a reference.",
    );
    expect(nothingToSend(decideSelection([t("b", "wrong", false)], NONE).counts, FLAGS)).toMatch(
      /^This problem has no reference solution/,
    );
    expect(nothingToSend(decideSelection([t("a", "wrong", true, true)], NONE).counts, FLAGS)).toBeNull();
    expect(nothingToSend(decideSelection([t("a", "wrong")], NONE).counts, FLAGS)).toBeNull();
  });
});
