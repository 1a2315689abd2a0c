import type { LabelForm } from "./review-context";
import type { StepMarks } from "./step-list";
import type { ReviewData } from "./types";
import type { CommentMarks } from "@/lib/core/comments/marks";

// What the review screen starts from, derived from the server's data: the label form (my saved label, else the
// checks on and the flags off), the focused intervention (the first still proposed, else the last) and the marks
// beside the steps.

export function initialForm(d: ReviewData): LabelForm {
  const l = d.myLabel;
  return {
    checkFactual: l?.checkFactual ?? true,
    checkNotRecovered: l?.checkNotRecovered ?? true,
    badProblem: l?.badProblem ?? false,
    badReference: l?.badReference ?? false,
    unsure: l?.unsure ?? false,
    note: l?.note ?? "",
  };
}

export function defaultFocus(d: ReviewData): string | null {
  const open = d.interventions.find((i) => i.status === "proposed");
  return (open ?? d.interventions[d.interventions.length - 1])?.id ?? null;
}

export function stepMarks(d: ReviewData, comments: CommentMarks): StepMarks {
  const of = (source: string) =>
    d.otherLabels.filter((l) => l.source === source && l.step !== null).map((l) => l.step as number);
  return {
    humanStep: d.humanStep,
    imported: of("imported"),
    model: of("model"),
    interventions: d.interventions.filter((i) => i.status !== "rejected").map((i) => i.location),
    comments: comments.steps,
  };
}
