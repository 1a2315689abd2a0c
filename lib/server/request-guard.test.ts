import { describe, expect, it } from "vitest";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { allowedHosts, checkRequest, parseHost, type GuardRequest } from "./request-guard";
import { config as proxyConfig } from "@/proxy";

const loopback = allowedHosts(undefined);
const req = (over: Partial<GuardRequest>): GuardRequest => ({
  method: "GET",
  host: "127.0.0.1:3000",
  origin: null,
  secFetchSite: null,
  ...over,
});
const verdict = (over: Partial<GuardRequest>, allowed = loopback) => {
  const d = checkRequest(req(over), allowed);
  return d.ok ? "ok" : d.status;
};

describe("checkRequest: the Host header (DNS rebinding)", () => {
  it("answers the loopback names on any port", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "LOCALHOST:8080", "127.0.0.1"])
      expect(verdict({ host }), host).toBe("ok");
  });
  it("refuses any other name with 421, even when Origin agrees with it (a rebound page)", () => {
    expect(verdict({ host: "evil.example:3000" })).toBe(421);
    expect(
      verdict({
        method: "POST",
        host: "evil.example:3000",
        origin: "http://evil.example:3000",
        secFetchSite: "same-origin",
      }),
    ).toBe(421);
    expect(verdict({ host: "127.0.0.2:3000" })).toBe(421);
    expect(verdict({ host: "0.0.0.0:3000" })).toBe(421);
  });
  it("refuses a missing or malformed Host: no userinfo, path or trailing dot slips a second name in", () => {
    for (const host of [
      null,
      "",
      "evil.example@127.0.0.1",
      "127.0.0.1/x",
      "localhost.",
      "127.0.0.1:3000:1",
      "[::1",
      "a b",
    ])
      expect(verdict({ host }), String(host)).toBe(421);
  });
  it("takes more names from INT_ALLOWED_HOSTS: a bare name on any port, name:port on that port only", () => {
    const allowed = allowedHosts("studio.lab, gpu-box:8443");
    expect(verdict({ host: "studio.lab" }, allowed)).toBe("ok");
    expect(verdict({ host: "Studio.Lab:3000" }, allowed)).toBe("ok");
    expect(verdict({ host: "gpu-box:8443" }, allowed)).toBe("ok");
    expect(verdict({ host: "gpu-box:3000" }, allowed)).toBe(421);
    expect(verdict({ host: "evil.example" }, allowed)).toBe(421);
  });
  it("names a bad INT_ALLOWED_HOSTS entry", () => {
    expect(() => allowedHosts("ok.lab, http://x/")).toThrow(/INT_ALLOWED_HOSTS: "http:\/\/x\/" is not a host name/);
  });
  it("gives a one-line reason naming the host", () => {
    const d = checkRequest(req({ host: "evil.example:3000" }), loopback);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/^Refused: .*"evil\.example:3000"\.$/);
    if (!d.ok) expect(d.reason).not.toContain("\n");
  });
});

describe("checkRequest: writes from another site", () => {
  const post = (over: Partial<GuardRequest>) => verdict({ method: "POST", ...over });
  it("accepts a write from the studio's own origin", () => {
    expect(post({ origin: "http://127.0.0.1:3000", secFetchSite: "same-origin" })).toBe("ok");
    expect(post({ host: "[::1]:3000", origin: "http://[::1]:3000" })).toBe("ok");
    expect(post({ host: "localhost", origin: "http://localhost" })).toBe("ok");
    expect(post({ host: "localhost:80", origin: "http://localhost" })).toBe("ok");
  });
  it("refuses a form from another port of the same machine (same-site is not same-origin)", () => {
    expect(post({ origin: "http://127.0.0.1:4000", secFetchSite: "same-site" })).toBe(403);
    expect(post({ origin: "http://127.0.0.1:4000" })).toBe(403);
  });
  it("refuses cross-site by Sec-Fetch-Site alone, and by Origin alone", () => {
    expect(post({ secFetchSite: "cross-site" })).toBe(403);
    expect(post({ origin: "https://evil.example" })).toBe(403);
    expect(post({ origin: "null" })).toBe(403);
    expect(post({ host: "localhost:3000", origin: "http://127.0.0.1:3000" })).toBe(403);
  });
  it("refuses every unsafe method, not only POST", () => {
    for (const method of ["PUT", "PATCH", "DELETE", "post"])
      expect(verdict({ method, secFetchSite: "cross-site" }), method).toBe(403);
  });
  it("lets reads through from anywhere (they change nothing), and non-browser clients without either header", () => {
    expect(verdict({ method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" })).toBe("ok");
    expect(post({})).toBe("ok");
  });
});

describe("parseHost", () => {
  it("splits name and port", () => {
    expect(parseHost("[::1]:3000")).toEqual({ name: "[::1]", port: "3000" });
    expect(parseHost("Example.COM")).toEqual({ name: "example.com", port: null });
  });
});

describe("proxy.ts matcher", () => {
  const runs = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });
  it("covers pages, server actions (POSTs to pages) and route handlers", () => {
    for (const url of [
      "/",
      "/datasets/abc",
      "/settings",
      "/jobs",
      "/api/jobs",
      "/api/interventions/x/decision",
      "/api/datasets/x/export",
      "/api/imports",
      "/api/import/some-import-id",
    ])
      expect(runs(url), url).toBe(true);
  });
  it("leaves out static build files and /api/import (which checks itself, to stream uploads)", () => {
    for (const url of ["/_next/static/chunks/a.js", "/api/import", "/api/import/"]) expect(runs(url), url).toBe(false);
  });
});
