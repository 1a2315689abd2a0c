// Issue 13 §1: every server action and every route handler checks the role on the server. This table names the
// least role for each one; the test finds every exported action ("use server" modules in lib/actions) and every
// HTTP method of app/api/**/route.ts by itself, so a new one without a row here, or without the check, fails.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ROLES, type Role } from "@/lib/core/roles";

const who = vi.hoisted(() => ({ current: null as null | { name: string; role: string; userId: string | null } }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
// The seam: the actor contract (lib/auth/actor.ts) answers with the role under test.
vi.mock("@/lib/auth/actor", async () => {
  const { roleAtLeast } = await import("@/lib/core/roles");
  class AuthError extends Error {
    constructor(
      readonly status: 401 | 403,
      message: string,
    ) {
      super(message);
    }
  }
  const currentActor = async () => who.current;
  const requireRole = async (min: Role) => {
    const a = who.current;
    if (!a) throw new AuthError(401, "Sign in first");
    if (!roleAtLeast(a.role as Role, min)) throw new AuthError(403, `This needs the ${min} role; you are ${a.role}`);
    return a;
  };
  return { AuthError, currentActor, requireRole };
});

const ACTIONS: Record<string, Role> = {
  "adjudicate.setFinalLabelAction": "curator",
  "comments.writeComment": "annotator",
  "comments.editCommentText": "annotator",
  "comments.resolveComment": "annotator",
  "comments.reopenComment": "annotator",
  "compare.decideSameMistake": "annotator",
  "datasets.renameDatasetAction": "admin",
  "datasets.deleteDatasetAction": "admin",
  "jobs.cancelJob": "curator",
  "jobs.pauseJob": "curator",
  "jobs.resumeJob": "curator",
  "onpolicy.scoreOnpolicy": "curator",
  "propose-settings.saveTurn1Mode": "admin",
  "propose.proposeInterventions": "curator",
  "queues.createQueueAction": "curator",
  "queues.refreshQueueAction": "curator",
  "queues.startQueue": "annotator",
  "queues.skipQueueItem": "annotator",
  "queues.submitQueueLabelAction": "annotator",
  "queues.completeQueueItem": "annotator",
  "review.saveLabel": "annotator",
  "review.writeIntervention": "annotator",
  "review.undoLastDecision": "annotator",
  "review.acceptIntervention": "curator",
  "review.rejectIntervention": "curator",
  "review.updateIntervention": "curator",
  "review.acceptHeldBack": "curator",
  "rollouts.runRollouts": "curator",
  "rollouts.sampleAttempts": "curator",
  "settings.saveModelEndpoint": "admin",
  "settings.testModelConnection": "admin",
  "settings.saveTemplate": "admin",
  "settings.activateTemplate": "admin",
  "user.setUserName": "viewer",
  "users.addUserAction": "admin",
  "users.setUserRoleAction": "admin",
  "users.disableUserAction": "admin",
  "users.enableUserAction": "admin",
  "users.resetUserPasswordAction": "admin",
  "users.setUserEmailAction": "admin",
};

// "public": reachable signed out on purpose (the sign-in endpoints themselves).
const ROUTES: Record<string, Role | "public"> = {
  "GET /api/auth/[...all]": "public",
  "POST /api/auth/[...all]": "public",
  "GET /api/datasets/[datasetId]/counts": "viewer",
  "GET /api/datasets/[datasetId]/export": "curator",
  "GET /api/datasets/[datasetId]/footprint": "viewer",
  "GET /api/datasets/[datasetId]/propose-preview": "viewer",
  "POST /api/import": "curator",
  "GET /api/import/[importId]": "viewer",
  "POST /api/interventions/[interventionId]/decision": "curator",
  "GET /api/interventions/[interventionId]/rollouts": "viewer",
  "GET /api/interventions/[interventionId]/tokens": "viewer",
  "GET /api/jobs": "viewer",
  "GET /api/jobs/[jobId]": "viewer",
  "GET /api/jobs/[jobId]/outcomes": "viewer",
  "GET /api/jobs/[jobId]/outcomes/csv": "viewer",
  "GET /api/jobs/[jobId]/outcomes/totals": "viewer",
  "GET /api/traces/[traceId]/adjudication": "curator",
  "GET /api/traces/[traceId]/comments": "viewer",
  "GET /api/traces/[traceId]/onpolicy": "viewer",
  "GET /api/traces/[traceId]/proposals": "viewer",
};

const ROOT = process.cwd();
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );

type Fn = (...args: unknown[]) => Promise<unknown>;
async function discoverActions(): Promise<Map<string, Fn>> {
  const found = new Map<string, Fn>();
  const dir = join(ROOT, "lib/actions");
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"))) {
    if (!/^\s*["']use server["']/.test(readFileSync(join(dir, f), "utf8"))) continue;
    const mod = (await import(/* @vite-ignore */ join(dir, f))) as Record<string, unknown>;
    for (const [k, v] of Object.entries(mod)) if (typeof v === "function") found.set(`${f.slice(0, -3)}.${k}`, v as Fn);
  }
  return found;
}
async function discoverRoutes(): Promise<Map<string, Fn>> {
  const found = new Map<string, Fn>();
  for (const file of walk(join(ROOT, "app")).filter((p) => p.endsWith("/route.ts"))) {
    const path = "/" + relative(join(ROOT, "app"), file).replace(/\/route\.ts$/, "");
    const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    for (const m of METHODS) if (typeof mod[m] === "function") found.set(`${m} ${path}`, mod[m] as Fn);
  }
  return found;
}

const as = (role: Role | null) => (who.current = role && { name: `t-${role}`, role, userId: `u-${role}` });
const below = (min: Role) => ROLES.slice(0, ROLES.indexOf(min));
const atOrAbove = (min: Role) => ROLES.slice(ROLES.indexOf(min));
const isRefusal = (r: unknown) =>
  typeof r === "object" &&
  r !== null &&
  (r as { ok?: unknown }).ok === false &&
  /^(Sign in first|Refused:)/.test(String((r as { error?: unknown }).error));
const params = new Proxy({}, { get: () => "no-such-id" });
const callRoute = (fn: Fn, key: string) => {
  const [method, path] = key.split(" ");
  return fn(new Request(`http://127.0.0.1:3000${path.replace(/\[[^\]]+\]/g, "no-such-id")}`, { method }), {
    params: Promise.resolve(params),
  }) as Promise<Response>;
};

describe("every server action checks its role", async () => {
  const actions = await discoverActions();
  it("has a row in the table for every exported action, and no row for one that is gone", () => {
    expect(
      [...actions.keys()].filter((k) => !(k in ACTIONS)),
      "actions without a row in ACTIONS",
    ).toEqual([]);
    expect(
      Object.keys(ACTIONS).filter((k) => !actions.has(k)),
      "rows for actions that no longer exist",
    ).toEqual([]);
  });
  for (const [key, fn] of actions) {
    const min = ACTIONS[key];
    if (!min) continue;
    it(`${key}: refused when signed out and below ${min}, allowed from ${min}`, async () => {
      as(null);
      expect(await fn(), "signed out").toMatchObject({ ok: false, error: expect.stringMatching(/^Sign in first/) });
      for (const r of below(min)) {
        as(r);
        expect(await fn(), r).toMatchObject({
          ok: false,
          error: expect.stringMatching(new RegExp(`^Refused: This needs the ${min} role`)),
        });
      }
      // With no (valid) input nothing runs: an allowed role gets past the check to the validation error.
      for (const r of atOrAbove(min)) {
        as(r);
        expect(isRefusal(await fn()), r).toBe(false);
      }
    });
  }
});

describe("every route handler checks its role", async () => {
  const routes = await discoverRoutes();
  it("has a row in the table for every route method, and no row for one that is gone", () => {
    expect(
      [...routes.keys()].filter((k) => !(k in ROUTES)),
      "routes without a row in ROUTES",
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((k) => !routes.has(k)),
      "rows for routes that no longer exist",
    ).toEqual([]);
  });
  for (const [key, fn] of routes) {
    const min = ROUTES[key];
    if (!min || min === "public") continue;
    it(`${key}: 401 signed out, 403 below ${min}, served from ${min}`, async () => {
      as(null);
      expect((await callRoute(fn, key)).status, "signed out").toBe(401);
      for (const r of below(min)) {
        as(r);
        const res = await callRoute(fn, key);
        expect(res.status, r).toBe(403);
        expect(await res.json()).toMatchObject({ ok: false, error: `This needs the ${min} role; you are ${r}` });
      }
      for (const r of atOrAbove(min)) {
        as(r);
        expect([401, 403], r).not.toContain((await callRoute(fn, key)).status);
      }
    });
  }
});
