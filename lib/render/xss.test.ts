import { describe, expect, it } from "vitest";
import { renderInlineMath, renderMarkdownMath as render } from "./markdown-math";
import { mathSnippet } from "@/lib/core/snippet";

// The renderer's output goes into dangerouslySetInnerHTML, so every real tag and attribute in
// it is checked (text is escaped, so a literal "<" in the output always starts a real tag).
const FORBIDDEN_TAGS = new Set([
  "script",
  "style",
  "link",
  "a",
  "img",
  "iframe",
  "object",
  "embed",
  "form",
  "input",
  "base",
  "meta",
  "svg:script",
  "foreignobject",
  "image",
  "use",
  "video",
  "audio",
  "source",
]);
const FORBIDDEN_ATTRS = /^(on|href$|src$|srcset$|xlink:href$|action$|formaction$|background$|poster$|data$)/i;

function assertSafe(html: string) {
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    expect(FORBIDDEN_TAGS.has(tag), `tag <${tag}> in ${html}`).toBe(false);
    for (const a of m[2].matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) {
      expect(FORBIDDEN_ATTRS.test(a[1]), `attribute ${a[1]} on <${tag}>`).toBe(false);
      // title holds an escaped error message (inert text); style is the one attribute that could load or run.
      if (a[1].toLowerCase() === "style")
        expect((a[2] ?? "").toLowerCase()).not.toMatch(/javascript:|url\(|expression\(|@import/);
    }
  }
}

const CASES = [
  "<script>alert(1)</script>",
  "text <script>alert(1)</script> more",
  '<img src=x onerror="alert(1)">',
  "<img src=x onerror=alert(1)>",
  "<style>body{display:none}</style>",
  '<link rel="stylesheet" href="http://evil/x.css">',
  '<a href="javascript:alert(1)">click</a>',
  "[click](javascript:alert(1))",
  "[click](http://example.com)",
  "[click][ref]\n\n[ref]: javascript:alert(1)",
  "![x](javascript:alert(1))",
  '![x" onerror="alert(1)](http://example.com/x.png)',
  "<javascript:alert(1)>",
  "<http://example.com>",
  "http://example.com/auto",
  "$\\href{javascript:alert(1)}{click}$",
  "\\(\\url{javascript:alert(1)}\\)",
  "$$\\htmlClass{x}{y}\\htmlId{i}{y}\\htmlStyle{color:red;background:url(javascript:alert(1))}{y}\\htmlData{foo=bar}{y}$$",
  "$\\includegraphics{http://evil/x.png}$",
  "$\\color{red;background:url(javascript:alert(1))}{x}$",
  '$\\textcolor{#f00" onmouseover="alert(1)}{x}$',
  "```html\n<script>alert(1)</script>\n```",
  '```" onclick="alert(1)\nx\n```',
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "<svg onload=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  "$<script>alert(1)</script>$",
  "\\[</span><script>alert(1)</script>\\]",
  "$\\frac{</span><img src=x onerror=alert(1)>$",
];

describe("untrusted text cannot run script, load resources or navigate", () => {
  for (const text of CASES) {
    it(JSON.stringify(text), () => assertSafe(render(text)));
    // the one-line previews of the trace list and Compare go through the inline renderer
    it(`inline snippet: ${JSON.stringify(text)}`, () => assertSafe(renderInlineMath(mathSnippet(text, 40))));
  }

  it("shows raw HTML as text", () => {
    expect(render("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  });

  it("shows link and image text without a link", () => {
    const html = render("see [the docs](http://example.com) and ![a plot](http://example.com/p.png)");
    expect(html).toContain('<span class="md-link">the docs</span>');
    expect(html).toContain('<span class="md-image">a plot</span>');
    expect(html).not.toContain("example.com");
  });

  it("keeps an unusable link as its text", () => {
    expect(render("[click](javascript:alert(1))")).toBe("<p>[click](javascript:alert(1))</p>\n");
  });

  it("renders KaTeX's trusted-only commands as plain unsupported text", () => {
    const html = render("$\\href{javascript:alert(1)}{click}$");
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).toContain("\\href");
  });
});
