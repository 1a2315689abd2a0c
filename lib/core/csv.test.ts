import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csvCell: spreadsheet formulas are neutralised (OWASP CSV injection)", () => {
  it("prefixes text starting with = + - @ tab CR or NUL with ' and quotes it", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe(`"'+1+cmd|' /C calc'!A0"`);
    expect(csvCell("-2+3")).toBe(`"'-2+3"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\t=1")).toBe(`"'\t=1"`);
    expect(csvCell("\r=1")).toBe(`"'\r=1"`);
    expect(csvCell("\0=1")).toBe(`"'\0=1"`);
  });
  it("prefixes a string that looks like a negative number: it is text, not ours", () => {
    expect(csvCell("-3")).toBe(`"'-3"`);
  });
  it("leaves numbers the app writes as numbers alone, negative or not", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell(1e-7)).toBe("1e-7");
    expect(csvCell(Number.NaN)).toBe("");
  });
  it("leaves ordinary text as it was (quotes only where RFC 4180 needs them)", () => {
    expect(csvCell("Qwen/Qwen3-4B")).toBe("Qwen/Qwen3-4B");
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell('x,"y"')).toBe('"x,""y"""');
    expect(csvCell(null)).toBe("");
  });
});

describe("toCsv", () => {
  it("neutralises a hostile generator name in a row and in a header", () => {
    const csv = toCsv([{ model: '=HYPERLINK("http://x")', k: 1, pass_at_k: 0.5, offset: -2 }]);
    expect(csv).toBe(`model,k,pass_at_k,offset\n"'=HYPERLINK(""http://x"")",1,0.5,-2\n`);
    expect(toCsv([], ["@col"])).toBe(`"'@col"\n`);
  });
});
