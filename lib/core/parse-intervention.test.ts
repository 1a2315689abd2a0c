import { describe, expect, it } from "vitest";
import { coerceLocation, parseIntervention, type ParseResult } from "./parse-intervention";
import { decodeLatexJsonString } from "./latex-json";

// Corpus of verifier outputs as models write them. Raw strings use String.raw so a backslash in
// the test source is exactly the byte the model wrote.
const tag = (json: string) => `## Verification log\nSubstep 1 is fine.\n\n## Critical error report\nSubstep 2 is wrong.\n\n<intervention>${json}</intervention>`;
const parse = (raw: string, stepCount = 5, answer?: string) => parseIntervention(raw, { stepCount, answer });
const okValue = (r: ParseResult) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}`);
  return r.value;
};
const failCode = (r: ParseResult) => (r.ok ? "ok" : r.code);

describe("parseIntervention corpus", () => {
  it("1 valid JSON", () => {
    expect(okValue(parse(tag('{"content": "Let us check the sum again.", "location": 2}')))).toMatchObject({ content: "Let us check the sum again.", location: 2, repaired: false });
  });
  it("2 \\frac survives (not a form feed)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "So $x = \frac{1}{2}$.", "location": 3}`))).content).toBe(String.raw`So $x = \frac{1}{2}$.`);
  });
  it("3 \\neq survives (not a newline)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "Note $a \neq b$.", "location": 1}`))).content).toBe(String.raw`Note $a \neq b$.`);
  });
  it("4 \\times, \\theta (not tabs)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$2 \times 3$ and $\theta$", "location": 1}`))).content).toBe(String.raw`$2 \times 3$ and $\theta$`);
  });
  it("5 \\right, \\rho (not carriage returns)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\left(\rho\right)$", "location": 1}`))).content).toBe(String.raw`$\left(\rho\right)$`);
  });
  it("6 \\binom, \\beta, \\boxed (not backspaces)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\binom{5}{2}\beta$ not \boxed", "location": 1}`))).content).toBe(String.raw`$\binom{5}{2}\beta$ not \boxed`);
  });
  it("7 \\nu, \\nabla, \\not, \\ne stay LaTeX", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\nu \nabla \not= \ne$", "location": 1}`))).content).toBe(String.raw`$\nu \nabla \not= \ne$`);
  });
  it("8 a real \\n between sentences is a newline", () => {
    expect(okValue(parse(tag(String.raw`{"content": "First idea.\nThen we add.\n\n2 cases", "location": 2}`))).content).toBe("First idea.\nThen we add.\n\n2 cases");
  });
  it("9 mixed: newline escape and LaTeX in one string", () => {
    expect(okValue(parse(tag(String.raw`{"content": "Use $\frac{a}{b}$.\nNow $a\neq 0$.", "location": 2}`))).content).toBe("Use $\\frac{a}{b}$.\nNow $a\\neq 0$.");
  });
  it("10 properly escaped LaTeX (\\\\frac) is kept as one backslash", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\\frac{1}{2}$ and $\\neq$", "location": 2}`))).content).toBe(String.raw`$\frac{1}{2}$ and $\neq$`);
  });
  it("11 \\alpha, \\sqrt, \\{ \\, (invalid JSON escapes) kept", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\alpha+\sqrt{2}\{x\}\,$", "location": 1}`))).content).toBe(String.raw`$\alpha+\sqrt{2}\{x\}\,$`);
  });
  it("12 unicode escape decoded", () => {
    expect(okValue(parse(tag(String.raw`{"content": "angle \u00b0 done", "location": 1}`))).content).toBe("angle \u00b0 done");
  });
  it("13 last tag wins over an earlier draft", () => {
    const raw = tag('{"content": "draft", "location": 1}') + '\nRevised:\n<intervention>{"content": "final step", "location": 4}</intervention>';
    expect(okValue(parse(raw))).toMatchObject({ content: "final step", location: 4, tagCount: 2 });
  });
  it("14 location 'Substep 7'", () => {
    expect(okValue(parse(tag('{"content": "c", "location": "Substep 7"}'), 9)).location).toBe(7);
  });
  it("15 location '7' and 7.0", () => {
    expect(okValue(parse(tag('{"content": "c", "location": "7"}'), 9)).location).toBe(7);
    expect(okValue(parse(tag('{"content": "c", "location": 7.0}'), 9)).location).toBe(7);
  });
  it("16 location '**Substep 3:**' and 'step 3'", () => {
    expect(coerceLocation("**Substep 3:**")).toBe(3);
    expect(coerceLocation("step 3")).toBe(3);
    expect(coerceLocation("three")).toBeNull();
    expect(coerceLocation(2.5)).toBeNull();
  });
  it("17 location 0 is out of range", () => {
    const r = parse(tag('{"content": "c", "location": 0}'));
    expect(failCode(r)).toBe("location_out_of_range");
    expect(r.ok ? null : r.partial).toEqual({ content: "c", location: 0 });
  });
  it("18 location past the last step is out of range", () => {
    const r = parse(tag('{"content": "c", "location": 6}'), 5);
    expect(failCode(r)).toBe("location_out_of_range");
    expect(r.ok ? "" : r.reason).toContain("outside 1..5");
  });
  it("19 unreadable location", () => {
    expect(failCode(parse(tag('{"content": "c", "location": "the third"}')))).toBe("bad_location");
  });
  it("20 missing location", () => {
    expect(failCode(parse(tag('{"content": "c"}')))).toBe("missing_location");
  });
  it("21 empty content", () => {
    expect(failCode(parse(tag('{"content": "   ", "location": 2}')))).toBe("empty_content");
  });
  it("22 missing content", () => {
    expect(failCode(parse(tag('{"location": 2}')))).toBe("missing_content");
  });
  it("23 no tag at all", () => {
    const r = parse("I think step 3 is wrong, the intervention is to recompute.");
    expect(failCode(r)).toBe("missing_tag");
    expect(r.sections.verificationLog).toContain("step 3");
  });
  it("24 unclosed tag counts as missing", () => {
    expect(failCode(parse('<intervention>{"content": "c", "location": 2}'))).toBe("missing_tag");
  });
  it("25 answer leak", () => {
    const r = parse(tag('{"content": "So the answer is 42.", "location": 2}'), 5, "42");
    expect(failCode(r)).toBe("answer_leak");
    expect(r.ok ? null : r.partial.content).toBe("So the answer is 42.");
  });
  it("26 no leak when the answer is absent", () => {
    expect(okValue(parse(tag('{"content": "Try factoring.", "location": 2}'), 5, "42")).content).toBe("Try factoring.");
  });
  it("27 unescaped quotes inside content (content first)", () => {
    expect(okValue(parse(tag('{"content": "Call this the "key" step.", "location": 3}'))).content).toBe('Call this the "key" step.');
  });
  it("28 unescaped quotes with location first and LaTeX", () => {
    const v = okValue(parse(tag(String.raw`{"location": "Substep 2", "content": "the "trick": $\frac{1}{2}$"}`)));
    expect(v).toMatchObject({ location: 2, content: String.raw`the "trick": $\frac{1}{2}$`, repaired: true });
  });
  it("29 real newline characters inside the JSON string", () => {
    expect(okValue(parse(tag('{"content": "line one\nline two", "location": 2}'))).content).toBe("line one\nline two");
  });
  it("30 garbage inside the tag", () => {
    expect(failCode(parse(tag("I cannot decide")))).toBe("invalid_json");
  });
  it("31 text around the JSON inside the tag and code fences", () => {
    expect(okValue(parse(tag('```json\n{"content": "Recheck parity.", "location": 2}\n```'))).content).toBe("Recheck parity.");
  });
  it("32 content is not a string", () => {
    expect(failCode(parse(tag('{"content": 12, "location": 2}')))).toBe("missing_content");
  });
  it("33 sections are split by the headings", () => {
    const r = parse(tag('{"content": "c", "location": 2}'));
    expect(r.sections.verificationLog).toContain("Substep 1 is fine.");
    expect(r.sections.verificationLog).not.toContain("Substep 2 is wrong");
    expect(r.sections.errorReport).toContain("Substep 2 is wrong.");
  });
  it("34 never throws on odd input", () => {
    for (const raw of ["", "<intervention></intervention>", "<intervention>{</intervention>", '<intervention>{"content": "\\', undefined as unknown as string]) {
      expect(() => parse(raw)).not.toThrow();
      expect(parse(raw).ok).toBe(false);
    }
  });
  it("35 \\text and \\to survive, a tab before a digit stays a tab", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$x\to\infty$ \text{and}\t1", "location": 1}`))).content).toBe("$x\\to\\infty$ \\text{and}\t1");
  });
});

describe("decodeLatexJsonString rule", () => {
  it("\\n followed by a non-command word is a newline", () => {
    expect(decodeLatexJsonString(String.raw`a\nusing b`)).toBe("a\nusing b");
    expect(decodeLatexJsonString(String.raw`a\nu b`)).toBe(String.raw`a\nu b`);
  });
  it("\\f and \\b are always LaTeX", () => {
    expect(decodeLatexJsonString(String.raw`\f \b`)).toBe(String.raw`\f \b`);
  });
  it("escaped quote and backslash", () => {
    expect(decodeLatexJsonString(String.raw`\"q\" \\`)).toBe('"q" \\');
  });
});
