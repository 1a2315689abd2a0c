import { describe, expect, it } from "vitest";
import { parseIntervention, type ParseResult } from "./parse-intervention";
import { decodeLatexJsonString } from "./latex-json";

// Corpus of verifier outputs as models write them. Raw strings use String.raw so a backslash in
// the test source is exactly the byte the model wrote.
const tag = (json: string) =>
  `## Verification log\nSubstep 1 is fine.\n\n## Critical error report\nSubstep 2 is wrong.\n\n<intervention>${json}</intervention>`;
const parse = (raw: string, stepCount = 5, answer?: string) => parseIntervention(raw, { stepCount, answer });
const okValue = (r: ParseResult) => {
  if (!r.ok) throw new Error(`expected ok, got ${r.reason}`);
  if (r.value === null) throw new Error("expected an intervention, got a no-error verdict");
  return r.value;
};
const failCode = (r: ParseResult) => (r.ok ? "ok" : r.code);

describe("parseIntervention corpus", () => {
  it("1 valid JSON", () => {
    expect(okValue(parse(tag('{"content": "Let us check the sum again.", "location": 2}')))).toMatchObject({
      content: "Let us check the sum again.",
      location: 2,
      repaired: false,
    });
  });
  it("2 \\frac survives (not a form feed)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "So $x = \frac{1}{2}$.", "location": 3}`))).content).toBe(
      String.raw`So $x = \frac{1}{2}$.`,
    );
  });
  it("3 \\neq survives (not a newline)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "Note $a \neq b$.", "location": 1}`))).content).toBe(
      String.raw`Note $a \neq b$.`,
    );
  });
  it("4 \\times, \\theta (not tabs)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$2 \times 3$ and $\theta$", "location": 1}`))).content).toBe(
      String.raw`$2 \times 3$ and $\theta$`,
    );
  });
  it("5 \\right, \\rho (not carriage returns)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\left(\rho\right)$", "location": 1}`))).content).toBe(
      String.raw`$\left(\rho\right)$`,
    );
  });
  it("6 \\binom, \\beta, \\boxed (not backspaces)", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\binom{5}{2}\beta$ not \boxed", "location": 1}`))).content).toBe(
      String.raw`$\binom{5}{2}\beta$ not \boxed`,
    );
  });
  it("7 \\nu, \\nabla, \\not, \\ne stay LaTeX", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\nu \nabla \not= \ne$", "location": 1}`))).content).toBe(
      String.raw`$\nu \nabla \not= \ne$`,
    );
  });
  it("8 a real \\n between sentences is a newline", () => {
    expect(
      okValue(parse(tag(String.raw`{"content": "First idea.\nThen we add.\n\n2 cases", "location": 2}`))).content,
    ).toBe("First idea.\nThen we add.\n\n2 cases");
  });
  it("9 mixed: newline escape and LaTeX in one string", () => {
    expect(
      okValue(parse(tag(String.raw`{"content": "Use $\frac{a}{b}$.\nNow $a\neq 0$.", "location": 2}`))).content,
    ).toBe("Use $\\frac{a}{b}$.\nNow $a\\neq 0$.");
  });
  it("10 properly escaped LaTeX (\\\\frac) is kept as one backslash", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\\frac{1}{2}$ and $\\neq$", "location": 2}`))).content).toBe(
      String.raw`$\frac{1}{2}$ and $\neq$`,
    );
  });
  it("11 \\alpha, \\sqrt, \\{ \\, (invalid JSON escapes) kept", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$\alpha+\sqrt{2}\{x\}\,$", "location": 1}`))).content).toBe(
      String.raw`$\alpha+\sqrt{2}\{x\}\,$`,
    );
  });
  it("12 unicode escape decoded", () => {
    expect(okValue(parse(tag(String.raw`{"content": "angle \u00b0 done", "location": 1}`))).content).toBe(
      "angle \u00b0 done",
    );
  });
  it("13 last tag wins over an earlier draft", () => {
    const raw =
      tag('{"content": "draft", "location": 1}') +
      '\nRevised:\n<intervention>{"content": "final step", "location": 4}</intervention>';
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
    expect(okValue(parse(tag('{"content": "c", "location": "**Substep 3:**"}'), 5)).location).toBe(3);
    expect(okValue(parse(tag('{"content": "c", "location": "step 3"}'), 5)).location).toBe(3);
    expect(failCode(parse(tag('{"content": "c", "location": "three"}'), 5))).toBe("bad_location");
    expect(failCode(parse(tag('{"content": "c", "location": 2.5}'), 5))).toBe("bad_location");
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
    expect(okValue(parse(tag('{"content": "Call this the "key" step.", "location": 3}'))).content).toBe(
      'Call this the "key" step.',
    );
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
    expect(okValue(parse(tag('```json\n{"content": "Recheck parity.", "location": 2}\n```'))).content).toBe(
      "Recheck parity.",
    );
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
    for (const raw of [
      "",
      "<intervention></intervention>",
      "<intervention>{</intervention>",
      '<intervention>{"content": "\\',
      undefined as unknown as string,
    ]) {
      expect(() => parse(raw)).not.toThrow();
      expect(parse(raw).ok).toBe(false);
    }
  });
  it("35 \\text and \\to survive, a tab before a digit stays a tab", () => {
    expect(okValue(parse(tag(String.raw`{"content": "$x\to\infty$ \text{and}\t1", "location": 1}`))).content).toBe(
      "$x\\to\\infty$ \\text{and}\t1",
    );
  });
});

// What the reference parser (ast.literal_eval + int(location), regex fallback) accepts where the
// meaning is clear; what stays a failure, with its reason.
describe("reference-compatible inputs (issue 12 §4)", () => {
  it('location "4." and "Substep 4." mean 4; 4.0 and "4.0" too', () => {
    expect(okValue(parse(tag('{"content": "c", "location": "4."}'))).location).toBe(4);
    expect(okValue(parse(tag('{"content": "c", "location": "Substep 4."}'))).location).toBe(4);
    expect(okValue(parse(tag('{"content": "c", "location": 4.0}'))).location).toBe(4);
    expect(okValue(parse(tag('{"content": "c", "location": "4.0"}'))).location).toBe(4);
    expect(okValue(parse(tag('{"content": "c", "location": 4.}'))).location).toBe(4);
  });
  it("single-quoted (Python literal) objects, with LaTeX, inner double quotes and escaped apostrophes", () => {
    const v = okValue(parse(tag(String.raw`{'content': 'Let\'s use $\frac{a}{b}$ and call it "r".', 'location': 3}`)));
    expect(v).toMatchObject({ location: 3, content: String.raw`Let's use $\frac{a}{b}$ and call it "r".` });
    expect(okValue(parse(tag(`{'location': 'Substep 2', 'content': 'Check the parity.'}`)))).toMatchObject({
      location: 2,
      content: "Check the parity.",
    });
  });
  it("double-quoted JSON with an apostrophe is not touched by the single-quote reader", () => {
    expect(okValue(parse(tag(`{"content": "Let's check 'both' cases.", "location": 2}`))).content).toBe(
      "Let's check 'both' cases.",
    );
  });
  it("location 0, past the last step, or a range stay failures with their reason", () => {
    const zero = parse(tag('{"content": "c", "location": "0."}'));
    expect(zero.ok ? "" : zero.reason).toBe("location_out_of_range: location 0 outside 1..5");
    const past = parse(tag(`{'content': 'c', 'location': 6}`), 5);
    expect(past.ok ? "" : past.reason).toBe("location_out_of_range: location 6 outside 1..5");
    const range = parse(tag('{"content": "c", "location": "3-4"}'));
    expect(range.ok ? "" : range.reason).toBe('bad_location: cannot read a step number from "3-4"');
    expect(failCode(parse(tag('{"content": "c", "location": "Substeps 3 and 4"}')))).toBe("bad_location");
    expect(failCode(parse(tag('{"content": "c", "location": 4.5}')))).toBe("bad_location");
  });
});

describe('"no critical error" verdicts (Box 1: leave the intervention empty)', () => {
  const noErr = (body: string) =>
    `## Verification log\n- Substep 1: correct.\n\n## Critical error report\nNo critical error: every substep holds.\n\n## Intervention\n${body}`;
  it("an empty content, an empty tag, or no tag after a no-error report is a verdict, not a failure", () => {
    for (const body of [
      '<intervention>{"content": "", "location": null}</intervention>',
      "<intervention></intervention>",
      "<intervention>\n</intervention>",
      "",
      `<intervention>{'content': '', 'location': None}</intervention>`,
      '<intervention>{"location": null}</intervention>',
    ]) {
      const r = parse(noErr(body));
      expect(r, body).toMatchObject({ ok: true, noError: true, value: null });
    }
  });
  it("other ways of saying it", () => {
    for (const said of [
      "There are no critical errors in the attempt.",
      "The attempt does not contain any critical error.",
      "I didn't find a critical error.",
    ]) {
      expect(parse(`## Critical error report\n${said}\n<intervention></intervention>`)).toMatchObject({
        ok: true,
        noError: true,
      });
    }
  });
  it("empty without a no-error report stays a failure; a real intervention after the phrase is still an intervention", () => {
    expect(failCode(parse(tag('{"content": "", "location": 2}')))).toBe("empty_content");
    expect(failCode(parse(tag("")))).toBe("empty_content");
    expect(failCode(parse("## Critical error report\nSubstep 2 is not a critical error.\n"))).toBe("missing_tag");
    expect(
      okValue(parse(noErr('<intervention>{"content": "Recheck the sum.", "location": 2}</intervention>'))),
    ).toMatchObject({ location: 2 });
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
