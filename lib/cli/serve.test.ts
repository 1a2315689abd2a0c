// `npm start` on a non-loopback HOST: requires sign-in, i.e. at least one active admin account.
import { describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkServeHost, isLoopbackAddress } from "@/lib/server/serve-host";

describe("checkServeHost", () => {
  test("serves loopback addresses without accounts", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopbackAddress(h), h).toBe(true);
    expect(checkServeHost("127.0.0.1", 0)).toEqual({ ok: true });
  });
  test("refuses every other address without an admin account, and says how to create one", () => {
    for (const h of ["0.0.0.0", "::", "192.168.1.5", "studio.lab", "127.0.0.1.nip.io"]) {
      const d = checkServeHost(h, 0);
      expect(d.ok, h).toBe(false);
      if (!d.ok)
        expect(d.message).toMatch(
          /requires sign-in[\s\S]*no admin account[\s\S]*user add NAME --role admin[\s\S]*INT_ALLOWED_HOSTS/,
        );
    }
  });
  test("serves it once an admin exists, warning when no names are listed", () => {
    const d = checkServeHost("0.0.0.0", 1);
    expect(d.ok && d.warning).toMatch(/INT_ALLOWED_HOSTS is empty/);
    expect(checkServeHost("0.0.0.0", 1, "studio.lab")).toEqual({ ok: true });
  });
});

describe("npm start (lib/cli/serve.ts)", () => {
  test("exits with the refusal on HOST=0.0.0.0 with no admin account, before building", () => {
    const dir = mkdtempSync(join(tmpdir(), "int-serve-"));
    // A BUILD_ID newer than the sources: should the check be missing, serve.ts goes straight to
    // `next start` on this empty dist dir, which fails at once (no build is ever started).
    writeFileSync(join(dir, "BUILD_ID"), "x");
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "lib/cli/serve.ts"], {
        env: {
          ...process.env,
          HOST: "0.0.0.0",
          PORT: "3999",
          INT_ALLOW_NETWORK: "1",
          NEXT_DIST_DIR: dir,
          DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
        },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.stderr).toContain("Refusing to serve on HOST=0.0.0.0: a network address requires sign-in");
      expect(r.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
