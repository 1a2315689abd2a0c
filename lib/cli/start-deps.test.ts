import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

// `npm start` must work after `npm ci --omit=dev`: what it runs (tsx), what the server loads at run time
// (threads and child processes go through tsx) and what `next build` needs when there is no build yet
// (PostCSS plugins, packages the stylesheets import, and the packages Next itself demands of a TypeScript project) are dependencies.
const ROOT = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const deps = new Set(Object.keys(pkg.dependencies));
const pkgName = (spec: string) =>
  spec
    .split("/")
    .slice(0, spec.startsWith("@") ? 2 : 1)
    .join("/");

function files(dir: string, test: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "generated" || e.name === "node_modules") continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, test, out);
    else if (test(e.name)) out.push(p);
  }
  return out;
}

describe("npm start needs no devDependencies", () => {
  it("the start script's program is a dependency", () => {
    const program = pkg.scripts.start.split(/\s+/)[0];
    expect(deps.has(program) || program === "node", `"start": ${pkg.scripts.start}`).toBe(true);
  });

  it("what the server loads from disk at run time is a dependency (thread entries, `--import` loaders)", () => {
    const needed = new Set<string>();
    for (const f of files(join(ROOT, "lib"), (n) => n.endsWith(".mjs"))) {
      for (const m of readFileSync(f, "utf8").matchAll(/^import\s[^"']*["']([^"'.][^"']*)["']/gm))
        if (!m[1].startsWith("node:")) needed.add(pkgName(m[1]));
    }
    for (const f of files(join(ROOT, "lib"), (n) => /\.ts$/.test(n) && !n.includes(".test."))) {
      for (const m of readFileSync(f, "utf8").matchAll(/"--import",\s*"([^"]+)"/g)) needed.add(pkgName(m[1]));
    }
    expect(needed.size).toBeGreaterThan(0);
    expect([...needed].filter((p) => !deps.has(p))).toEqual([]);
  });

  it("what `next build` needs is a dependency (PostCSS plugins, Next's TypeScript requirements)", async () => {
    const { default: postcss } = (await import(join(ROOT, "postcss.config.mjs"))) as {
      default: { plugins: Record<string, unknown> };
    };
    const next = readFileSync(join(ROOT, "node_modules/next/dist/lib/verify-typescript-setup.js"), "utf8");
    const forTypeScript = [...next.matchAll(/pkg: '([^']+)'/g)].map((m) => m[1]);
    expect(forTypeScript).toContain("typescript"); // the pattern still reads Next's list
    const cssImports = files(join(ROOT, "app"), (n) => n.endsWith(".css")).flatMap((f) =>
      [...readFileSync(f, "utf8").matchAll(/@import\s+["']([^"'.][^"']*)["']/g)].map((m) => pkgName(m[1])),
    );
    const needed = [...Object.keys(postcss.plugins), ...cssImports, ...forTypeScript];
    expect(needed.filter((p) => !deps.has(p))).toEqual([]);
  });
});
