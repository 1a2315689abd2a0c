// `npm start` on a non-loopback HOST: refused (no sign-in yet) unless the person opts in.
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkServeHost, isLoopbackAddress } from "@/lib/server/serve-host";

describe("checkServeHost", () => {
  test("serves loopback addresses without asking", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackAddress(h), h).toBe(true);
    expect(checkServeHost("127.0.0.1", false)).toEqual({ ok: true });
  });
  test("refuses every other address and says why and how to go on knowingly", () => {
    for (const h of ["0.0.0.0", "::", "192.168.1.5", "studio.lab", "127.0.0.1.nip.io"]) {
      const d = checkServeHost(h, false);
      expect(d.ok, h).toBe(false);
      if (!d.ok) expect(d.message).toMatch(/no sign-in[\s\S]*INT_ALLOW_NETWORK=1[\s\S]*--allow-network[\s\S]*INT_ALLOWED_HOSTS/);
    }
  });
  test("serves it when allowed, warning that nobody signs in and when no names are listed", () => {
    const d = checkServeHost("0.0.0.0", true);
    expect(d.ok && d.warning).toMatch(/no sign-in.*INT_ALLOWED_HOSTS is empty/);
    const named = checkServeHost("0.0.0.0", true, "studio.lab");
    expect(named.ok && named.warning).not.toMatch(/empty/);
  });
});

describe("npm start (lib/cli/serve.ts)", () => {
  test("exits with the refusal on HOST=0.0.0.0, before touching the database or building", () => {
    const dir = mkdtempSync(join(tmpdir(), "int-serve-"));
    // A BUILD_ID newer than the sources: should the check be missing, serve.ts goes straight to
    // `next start` on this empty dist dir, which fails at once (no build is ever started).
    writeFileSync(join(dir, "BUILD_ID"), "x");
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/serve.ts"], {
        env: { ...process.env, HOST: "0.0.0.0", PORT: "3999", INT_ALLOW_NETWORK: "", NEXT_DIST_DIR: dir, DATABASE_URL: `file:${join(dir, "db.sqlite")}` },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.stderr).toContain("Refusing to serve on HOST=0.0.0.0");
      expect(r.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
