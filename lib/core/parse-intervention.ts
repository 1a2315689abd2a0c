import { containsAnswer } from "./guided";
import { coerceLocation } from "./location";
import { decodeLatexJsonString, repairLatexJson } from "./latex-json";
import { singleQuotedToJson } from "./single-quoted";

// Parser of the verifier's output (method.md §3). Model output is untrusted: this never throws.
//   - the LAST complete <intervention>...</intervention> wins
//   - JSON repaired for unescaped LaTeX backslashes (rule in ./latex-json.ts)
//   - unescaped quotes inside "content": fallback extraction between `"content": "` and the quote
//     that closes the object (or precedes `"location"`)
//   - location coerced by ./location.ts (the grammar the importer uses too): 7, "7", "7.", "Substep 7",
//     "**Substep 7**", 7.0 (as the reference does); 0, past the last step, or a range ("3-4") stay
//     failures with their reason
//   - single-quoted (Python-literal) objects are read when the keys are quoted that way, as the
//     reference reads them with ast.literal_eval
//   - "no error": an empty or absent intervention after a report that says there is no critical
//     error is a verdict (ok, value null), not a failure (Box 1: "leave the intervention empty")
//   - failures carry a code and a one-line reason; `partial` keeps what could be read

export type ParseFailCode =
  | "missing_tag"
  | "invalid_json"
  | "missing_content"
  | "empty_content"
  | "missing_location"
  | "bad_location"
  | "location_out_of_range"
  | "answer_leak";

export type ParsedIntervention = {
  content: string;
  location: number;
  repaired: boolean; // true when the JSON needed the LaTeX repair or the fallback extraction
  tagCount: number;
};

export type ParseSections = { verificationLog: string | null; errorReport: string | null };

export type ParseResult =
  | { ok: true; noError: false; value: ParsedIntervention; sections: ParseSections }
  | { ok: true; noError: true; value: null; sections: ParseSections }
  | {
      ok: false;
      code: ParseFailCode;
      reason: string;
      partial: { content?: string; location?: number };
      sections: ParseSections;
    };

export type ParseOptions = { stepCount: number; answer?: string };

const TAG = /<intervention>([\s\S]*?)<\/intervention>/gi;

export function lastInterventionTag(raw: string): { body: string; count: number; index: number } | null {
  const all = [...raw.matchAll(TAG)];
  if (all.length === 0) return null;
  const m = all[all.length - 1];
  return { body: m[1], count: all.length, index: m.index ?? 0 };
}

type Obj = { content?: unknown; location?: unknown };

function tryJson(text: string): Obj | null {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null;
  } catch {
    return null;
  }
}

/** Fallback when "content" holds unescaped quotes: take everything up to the quote that ends the object. */
function fallbackExtract(body: string): Obj | null {
  const out: Obj = {};
  const loc = /"location"\s*:\s*("(?:[^"\\]|\\.)*"|-?[\d.]+)/.exec(body);
  if (loc) out.location = loc[1].startsWith('"') ? loc[1].slice(1, -1) : Number(loc[1]);
  const c = /"content"\s*:\s*"/.exec(body);
  if (c) {
    const start = c.index + c[0].length;
    const rest = body.slice(start);
    // The content ends at the last quote before `, "location"` (content first) or before the final `}`.
    const beforeLoc = /"\s*,\s*"location"\s*:/.exec(rest);
    let end = -1;
    if (beforeLoc && (!loc || loc.index > start)) end = beforeLoc.index;
    else {
      const close = rest.lastIndexOf("}");
      const upTo = close === -1 ? rest : rest.slice(0, close);
      end = upTo.lastIndexOf('"');
    }
    if (end >= 0) out.content = decodeLatexJsonString(rest.slice(0, end));
  }
  return out.content === undefined && out.location === undefined ? null : out;
}

function readObject(body: string): { obj: Obj; repaired: boolean } | null {
  const start = body.indexOf("{");
  const stop = body.lastIndexOf("}");
  const json = start >= 0 && stop > start ? body.slice(start, stop + 1) : body;
  // Valid JSON whose strings contain no backslash is taken as is; anything with a backslash goes
  // through the LaTeX rule, because JSON.parse would silently turn "\frac" into a form feed.
  if (!json.includes("\\")) {
    const plain = tryJson(json);
    if (plain) return { obj: plain, repaired: false };
  }
  const fixed = tryJson(repairLatexJson(json));
  if (fixed) return { obj: fixed, repaired: json.includes("\\") };
  const sq = singleQuotedToJson(json);
  const single = sq === null ? null : tryJson(repairLatexJson(sq));
  if (single) return { obj: single, repaired: true };
  const fb = fallbackExtract(json);
  return fb ? { obj: fb, repaired: true } : null;
}

/** Verification log and critical-error report, when the output uses the headings the template asks for. */
export function extractSections(raw: string): ParseSections {
  const tag = lastInterventionTag(raw);
  const head = tag ? raw.slice(0, tag.index) : raw;
  const h = (re: RegExp) => {
    const m = re.exec(head);
    return m ? m.index : -1;
  };
  const logAt = h(/^\s*#{1,4}\s*.*verification log.*$/im);
  const repAt = h(/^\s*#{1,4}\s*.*(critical[- ]error report|error report).*$/im);
  const intAt = h(/^\s*#{1,4}\s*.*(intervention|proposed step).*$/im);
  const cut = (from: number, candidates: number[]) => {
    const ends = candidates.filter((x) => x > from);
    return head.slice(from, ends.length ? Math.min(...ends) : head.length);
  };
  return {
    verificationLog: logAt >= 0 ? cut(logAt, [repAt, intAt]) : head.length ? head : null,
    errorReport: repAt >= 0 ? cut(repAt, [logAt, intAt]) : null,
  };
}

// "No critical error", "there are no critical errors", "does not contain any critical error", ...
const NO_ERROR =
  /\b(?:no|zero)\s+critical\s+errors?\b|(?:\bnot|n't)\s+(?:find|found|contain|contains|have|has|make|made|makes)\s+(?:a\s+|any\s+)?critical\s+errors?\b/i;

/** The critical-error report (or, without headings, the text before the tag) says there is none. */
function statesNoError(sections: ParseSections, raw: string): boolean {
  const tag = lastInterventionTag(raw);
  const text = sections.errorReport ?? (tag ? raw.slice(0, tag.index) : raw);
  return NO_ERROR.test(text);
}

export function parseIntervention(raw: string, opts: ParseOptions): ParseResult {
  const sections = extractSections(typeof raw === "string" ? raw : "");
  const fail = (
    code: ParseFailCode,
    reason: string,
    partial: { content?: string; location?: number } = {},
  ): ParseResult => ({
    ok: false,
    code,
    reason: `${code}: ${reason}`,
    partial,
    sections,
  });
  if (typeof raw !== "string") return fail("missing_tag", "output is not text");
  const noError = (): ParseResult => ({ ok: true, noError: true, value: null, sections });
  const tag = lastInterventionTag(raw);
  if (!tag)
    return statesNoError(sections, raw)
      ? noError()
      : fail("missing_tag", "no <intervention>...</intervention> in the output");
  if (tag.body.trim() === "")
    return statesNoError(sections, raw) ? noError() : fail("empty_content", "the intervention tag is empty");
  const read = readObject(tag.body);
  if (!read) return fail("invalid_json", "the tag does not hold a readable JSON object");
  const { obj, repaired } = read;
  const content = typeof obj.content === "string" ? obj.content : undefined;
  const loc = coerceLocation(obj.location, opts.stepCount);
  const location = loc.ok ? loc.value : loc.code === "location_out_of_range" ? loc.value : undefined;
  const partial = { content, location };
  const blank = obj.content === undefined || obj.content === null || (content !== undefined && content.trim() === "");
  if (blank && statesNoError(sections, raw)) return noError();
  if (obj.content === undefined) return fail("missing_content", 'no "content" field', partial);
  if (content === undefined) return fail("missing_content", '"content" is not a string', partial);
  if (content.trim() === "") return fail("empty_content", "the content is empty", partial);
  if (obj.location === undefined) return fail("missing_location", 'no "location" field', partial);
  if (!loc.ok && loc.code === "bad_location")
    return fail("bad_location", `cannot read a step number from ${JSON.stringify(obj.location)}`, partial);
  if (!loc.ok) return fail("location_out_of_range", `location ${loc.value} outside 1..${opts.stepCount}`, partial);
  if (opts.answer && containsAnswer(content, opts.answer)) {
    return fail(
      "answer_leak",
      `the content contains the ground-truth answer ${JSON.stringify(opts.answer.trim())}`,
      partial,
    );
  }
  return { ok: true, noError: false, value: { content, location: loc.value, repaired, tagCount: tag.count }, sections };
}
