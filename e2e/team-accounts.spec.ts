import { spawnSync } from "node:child_process";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { TEAM_DB_FILE, TEAM_URL, ensureTeamUser, signedIn, teamQuery, uniqueName } from "./team-fixtures";

// Issue 13 §1, the accounts a research group needs (team server): an admin disables, re-enables and resets a
// password; a person changes their own; single sign-on through the stub OIDC provider the team server is configured
// with (playwright.config.ts, test-support/oidc-stub.ts).

test.beforeAll(async ({ browser }) => {
  // Sign-in is on once an account exists: make sure one does, whichever journey runs first.
  await (await signedIn(browser, uniqueName("first-admin"), "admin")).close();
});

async function signInWithForm(page: Page, name: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const isSignedOut = async (ctx: BrowserContext) => {
  const page = await ctx.newPage();
  await page.goto("/jobs");
  const out = /\/sign-in\?next=/.test(page.url());
  await page.close();
  return out;
};

const auditOf = (name: string) =>
  teamQuery<{ actor: string; action: string }>(
    `SELECT a.actor, a.action FROM AuditEvent a JOIN auth_user u ON u.id = a.entityId
     WHERE u.username = ? ORDER BY a.createdAt, a.rowid`,
    name.toLowerCase(),
  ).map((r) => `${r.actor}|${r.action}`);

test("an admin disables, enables again and resets a password: the old one is refused, sessions end", async ({
  browser,
}) => {
  const adminName = uniqueName("acc-admin");
  const admin = await signedIn(browser, adminName, "admin");
  const name = uniqueName("acc-ann");
  const password = ensureTeamUser(name, "annotator");
  const them = await signedIn(browser, name, "annotator");

  const page = await admin.newPage();
  await page.goto("/settings/users");
  const row = page.getByRole("row", { name: `User ${name}` });
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByRole("cell", { name: "disabled" })).toBeVisible();
  expect(await isSignedOut(them)).toBe(true);

  // Enabled again: the same password signs in through the form.
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByRole("cell", { name: "active" })).toBeVisible();
  const theirs = await them.newPage();
  await signInWithForm(theirs, name, password);
  await expect(theirs.getByTestId("current-user")).toHaveText(name);

  // Reset: a one-time password shown once; their session ends; the old password is refused, the new one works.
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Reset password" }).click();
  const fresh = (await row.getByTestId("reset-password").textContent())!.trim();
  expect(fresh).toMatch(/^\S{20}$/);
  await page.screenshot({ path: "test-results/users-reset-password.png", fullPage: true });
  expect(await isSignedOut(them)).toBe(true);
  await signInWithForm(theirs, name, password);
  await expect(theirs.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(
    /Wrong user name or password/,
  );
  await signInWithForm(theirs, name, fresh);
  await expect(theirs.getByTestId("current-user")).toHaveText(name);
  // a reset password is one-time too: it opens only the account page, to choose their own
  await expect(theirs).toHaveURL(/\/account$/);

  // An admin does not reset their own password here (it would sign them out with a password on screen).
  const own = page.getByRole("row", { name: `User ${adminName}` });
  page.once("dialog", (d) => void d.accept());
  await own.getByRole("button", { name: "Reset password" }).click();
  await expect(own.getByRole("alert")).toHaveText(/Change your own password on your account page/);

  expect(auditOf(name)).toEqual([
    "e2e|user.add",
    `${adminName}|user.disable`,
    `${adminName}|user.enable`,
    `${adminName}|user.password`,
  ]);
  await admin.close();
  await them.close();
});

test("a signed-in person changes their own password: other sessions end, this one stays", async ({ browser }) => {
  const name = uniqueName("acc-own");
  const old = ensureTeamUser(name, "viewer");
  const here = await signedIn(browser, name, "viewer");
  const laptop = await signedIn(browser, name, "viewer");

  const page = await here.newPage();
  await page.goto("/jobs");
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const form = page.getByRole("form", { name: "Change your password" });
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password (8 to 128 characters)").fill("brand-new-pass-1");
  await form.getByLabel("New password again").fill("brand-new-pass-1");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toHaveText("The current password is wrong.");

  await form.getByLabel("Current password").fill(old);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText(/Password changed/);
  await page.screenshot({ path: "test-results/users-own-password.png", fullPage: true });

  expect(await isSignedOut(laptop)).toBe(true);
  await page.goto("/jobs");
  await expect(page.getByTestId("current-user")).toHaveText(name); // the new session cookie of this browser
  const fresh = await browser.newContext({ baseURL: TEAM_URL });
  const p = await fresh.newPage();
  await signInWithForm(p, name, old);
  await expect(p.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(/Wrong user name or password/);
  await signInWithForm(p, name, "brand-new-pass-1");
  await expect(p.getByTestId("current-user")).toHaveText(name);
  expect(auditOf(name)).toEqual(["e2e|user.add", `${name}|user.password`]);
  await Promise.all([here.close(), laptop.close(), fresh.close()]);
});

test("single sign-on (stub OIDC provider): an admin-made account with that email signs in; a stranger is refused", async ({
  browser,
}) => {
  const name = uniqueName("acc-sso");
  const email = `${name}@lab.example`;
  const r = spawnSync(
    "npm",
    ["run", "-s", "int", "--", "user", "add", name, "--role", "curator", "--email", email, "--as", "e2e"],
    { env: { ...process.env, DATABASE_URL: `file:${TEAM_DB_FILE}` }, encoding: "utf8" },
  );
  expect(r.status, r.stderr).toBe(0);

  const ctx = await browser.newContext({ baseURL: TEAM_URL });
  const page = await ctx.newPage();
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fjobs$/);
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await expect(page.getByRole("heading", { name: "Stub identity provider (tests only)" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${TEAM_URL}/jobs`);
  await expect(page.getByTestId("current-user")).toHaveText(name);
  await expect(page.getByTestId("current-role")).toHaveText("curator");
  await ctx.close();

  const other = await browser.newContext({ baseURL: TEAM_URL });
  const p = await other.newPage();
  await p.goto("/sign-in");
  await p.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await p.getByLabel("Email", { exact: true }).fill(`stranger-${name}@lab.example`);
  await p.getByRole("button", { name: "Continue" }).click();
  await expect(p).toHaveURL(/\/sign-in\?error=signup_disabled$/);
  await expect(p.getByRole("alert").filter({ hasText: /No account of this studio has that email/ })).toBeVisible();
  await p.screenshot({ path: "test-results/users-sso-refused.png", fullPage: true });
  expect(teamQuery("SELECT 1 FROM auth_user WHERE email = ?", `stranger-${name}@lab.example`)).toEqual([]);
  await other.close();
});

test("an admin gives an account its single sign-on email on /settings/users, then takes it away", async ({
  browser,
}) => {
  const admin = await signedIn(browser, uniqueName("acc-admin"), "admin");
  const name = uniqueName("acc-mail");
  ensureTeamUser(name, "annotator");
  const email = `${name}@lab.example`;
  const page = await admin.newPage();
  await page.goto("/settings/users");
  const row = page.getByRole("row", { name: `User ${name}` });
  const field = row.getByLabel(`Email of ${name}`, { exact: true });
  await expect(field).toHaveValue("");
  await field.fill(email.toUpperCase());
  await row.getByRole("button", { name: "Set", exact: true }).click();
  await expect(field).toHaveValue(email); // stored lower-cased
  await page.screenshot({ path: "test-results/users-sso-email.png", fullPage: true });

  const sso = async () => {
    const ctx = await browser.newContext({ baseURL: TEAM_URL });
    const p = await ctx.newPage();
    await p.goto("/sign-in");
    await p.getByRole("button", { name: "Sign in with single sign-on" }).click();
    await p.getByLabel("Email", { exact: true }).fill(email);
    await p.getByRole("button", { name: "Continue" }).click();
    // signed in: the studio's home page; refused: back on /sign-in with the reason
    await p.waitForURL((u) => u.pathname === "/" || u.searchParams.has("error"));
    const who = new URL(p.url()).pathname === "/" ? await p.getByTestId("current-user").textContent() : null;
    await ctx.close();
    return who;
  };
  expect(await sso()).toBe(name);

  // another account cannot be given the same address: the refusal names its owner
  const second = uniqueName("acc-mail2");
  ensureTeamUser(second, "viewer");
  await page.reload();
  const other = page.getByRole("row", { name: `User ${second}` });
  await other.getByLabel(`Email of ${second}`, { exact: true }).fill(email);
  await other.getByRole("button", { name: "Set", exact: true }).click();
  await expect(other.getByRole("alert")).toHaveText(`The email ${email} already belongs to ${name.toLowerCase()}`);

  // emptied: no single sign-on for this account any more
  await field.fill("");
  await row.getByRole("button", { name: "Set", exact: true }).click();
  await expect(field).toHaveValue("");
  await expect.poll(() => teamQuery("SELECT 1 FROM auth_user WHERE email = ?", email).length).toBe(0);
  expect(await sso()).toBeNull();
  expect(auditOf(name).filter((a) => a.endsWith("|user.email"))).toHaveLength(2);
  await admin.close();
});
