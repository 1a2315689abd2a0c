import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import { join } from "node:path";

// The project's ESLint config keeps every environment variable in lib/env.ts: this lints a snippet as if it
// were each file, so a change to the config that drops the rule (or widens where it is off) fails here.
const eslint = new ESLint({ cwd: join(import.meta.dirname, "..") });
const SNIPPET = "export const port = process.env.PORT;\n";
const restricted = async (filePath: string, code = SNIPPET) =>
  (await eslint.lintText(code, { filePath }))[0].messages.filter(
    (m) => m.ruleId === "no-restricted-properties" || m.ruleId === "no-restricted-imports",
  );

describe("ESLint: process.env only through lib/env.ts", () => {
  it("refuses process.env in app, component and lib code, naming env()", async () => {
    for (const f of [
      "lib/jobs/new-thing.ts",
      "app/some/page.tsx",
      "components/x/y.tsx",
      "lib/cli/commands/z.ts",
      "instrumentation.ts",
    ]) {
      const m = await restricted(f);
      expect(m, f).toHaveLength(1);
      expect(m[0].message).toContain("env() in lib/env.ts");
    }
    expect(await restricted("lib/x.ts", 'import { env } from "node:process";\nexport const e = env;\n')).toHaveLength(
      1,
    );
  }, 60_000);

  it("allows it in lib/env.ts, tool configs and test tooling", async () => {
    for (const f of [
      "lib/env.ts",
      "next.config.ts",
      "playwright.config.ts",
      "lib/data/a.test.ts",
      "test-support/setup.ts",
      "e2e/x.spec.ts",
      "bench/lib/config.ts",
    ]) {
      expect(await restricted(f), f).toEqual([]);
    }
  }, 60_000);
});
