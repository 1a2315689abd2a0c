"use client";
import { createContext, useContext } from "react";
import type { Composer, ReviewData } from "./types";

export type LabelForm = {
  checkFactual: boolean;
  checkNotRecovered: boolean;
  badProblem: boolean;
  badReference: boolean;
  unsure: boolean;
  note: string;
};

export type Flash = { kind: "ok" | "error"; text: string } | null;

export type ReviewState = {
  data: ReviewData;
  selected: number;
  select: (step: number) => void;
  mode: "rendered" | "raw";
  toggleMode: () => void;
  form: LabelForm;
  setForm: (f: Partial<LabelForm>) => void;
  composer: Composer | null;
  setComposer: (c: Composer | null) => void;
  focusIv: string | null;
  setFocusIv: (id: string | null) => void;
  flash: Flash;
  pending: boolean;
  cheatsheet: boolean;
  setCheatsheet: (open: boolean) => void;
};

export const ReviewContext = createContext<ReviewState | null>(null);

export function useReview(): ReviewState {
  const v = useContext(ReviewContext);
  if (!v) throw new Error("useReview outside <ReviewWorkspace>");
  return v;
}
