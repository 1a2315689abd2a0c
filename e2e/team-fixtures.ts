import Database from "better-sqlite3";
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
  return importRowsInto(TEAM_DB_FILE, name, Array.from({ length: count }, (_, i) => ROW(i + 2)));
}

export function teamQuery<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(TEAM_DB_FILE, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/**
 * A browser context acting as `name` with `role` on the team server (baseURL = TEAM_URL).
 * Contract for the team journeys; the sign-in work replaces the body (create the account, sign in, keep the session).
 * Until then it sets the header name cookie, and the role is not enforced.
 */
export async function signedIn(browser: Browser, name: string, role: Role): Promise<BrowserContext> {
  void role;
  const context = await browser.newContext({ baseURL: TEAM_URL });
  await context.addCookies([{ name: "int-user", value: name, url: TEAM_URL }]);
  return context;
}
