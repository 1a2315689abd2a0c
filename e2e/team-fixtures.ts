import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import type { Role } from "../lib/core/roles";
import { PORT, ROW, importRowsInto, type Imported } from "./propose-fixtures";

// The team server (playwright.config.ts): its own port and DB, so sign-in and roles never touch the single-user
// journeys. Team journeys seed it with these helpers and open one browser context per person.
export const TEAM_PORT = PORT + 100;
export const TEAM_DB_FILE = `./data/e2e-team-${PORT}.db`;
export const TEAM_URL = `http://127.0.0.1:${TEAM_PORT}`;

export function importTeamDataset(prefix: string, count: number): Imported {
  const name = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  return importRowsInto(
    TEAM_DB_FILE,
    name,
    Array.from({ length: count }, (_, i) => ROW(i + 2)),
  );
}

export function teamQuery<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(TEAM_DB_FILE, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

// Passwords of the accounts this worker made, so one name can be signed in from several contexts.
const passwords = new Map<string, string>();

/** Creates the account in TEAM_DB_FILE through the CLI (`user add --password-stdin`), once per name. */
export function ensureTeamUser(name: string, role: Role): string {
  const known = passwords.get(name);
  if (known) return known;
  const password = `pw-${randomUUID()}`;
  const r = spawnSync(
    "npm",
    ["run", "-s", "int", "--", "user", "add", name, "--role", role, "--password-stdin", "--as", "e2e"],
    {
      input: password,
      env: { ...process.env, DATABASE_URL: `file:${TEAM_DB_FILE}` },
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`user add ${name} --role ${role} failed (${r.status}): ${r.stderr || r.stdout}`);
  passwords.set(name, password);
  return password;
}

/**
 * A browser context signed in as `name` with `role` on the team server (baseURL = TEAM_URL): the account is created
 * in TEAM_DB_FILE (names: 2-64 letters, digits, ".", "_" or "-") and signed in through the sign-in endpoint, so the
 * context holds a real session cookie. The first account turns sign-in on for the team server.
 */
export async function signedIn(browser: Browser, name: string, role: Role): Promise<BrowserContext> {
  const password = ensureTeamUser(name, role);
  const context = await browser.newContext({ baseURL: TEAM_URL });
  const res = await context.request.post("/api/auth/sign-in/username", {
    data: { username: name, password },
    headers: { origin: TEAM_URL },
  });
  if (!res.ok()) throw new Error(`sign-in as ${name} failed: ${res.status()} ${await res.text()}`);
  return context;
}

/** A unique account name for one test: `prefix-<time>-<random>`. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
