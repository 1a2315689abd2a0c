export { gradeAnswer, readGold, extractPrediction, GRADER_VERSION } from "./grade";
export { compareAnswers } from "./compare";
export { extractAnswer } from "./extract";
export { normaliseAnswer } from "./normalise";
export type { Verdict, VerdictKind, Extraction, ExtractMethod, GradeOptions, PredMode } from "./types";
