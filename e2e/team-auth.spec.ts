import { expect, test, type Page } from "@playwright/test";
import { TEAM_URL, importTeamDataset, signedIn, uniqueName, teamQuery } from "./team-fixtures";

// Issue 13 §1 on the team server (its own DB; the single-user journeys never see accounts).

test.beforeAll(async ({ browser }) => {
  // Sign-in is on once an account exists: make sure one does, whichever journey runs first.
  await (await signedIn(browser, uniqueName("first-admin"), "admin")).close();
});

test("anonymous: pages go to sign-in (and come back after), APIs answer 401", async ({ browser, request }) => {
  const ctx = await browser.newContext({ baseURL: TEAM_URL });
  const page = await ctx.newPage();
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fjobs$/);
  await expect(page.getByRole("heading", { name: "Sign in to InT Studio" })).toBeVisible();
  const api = await request.get(`${TEAM_URL}/api/jobs`);
  expect(api.status()).toBe(401);
  expect(await api.json()).toEqual({ ok: false, error: "Sign in first" });

  // Wrong password: said so, still here. Then a real account comes back to /jobs.
  const name = uniqueName("returner");
  const { ensureTeamUser } = await import("./team-fixtures");
  const password = ensureTeamUser(name, "viewer");
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(
    /Wrong user name or password/,
  );
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${TEAM_URL}/jobs`);
  await expect(page.getByTestId("current-user")).toHaveText(name);
  await expect(page.getByTestId("current-role")).toHaveText("viewer");
  await ctx.close();
});

async function refusedAction(page: Page, key: string) {
  await page.keyboard.press(key);
  await expect(
    page
      .getByRole("status")
      .or(page.getByRole("alert"))
      .filter({ hasText: "Refused: This needs the annotator role; you are viewer" })
      .first(),
  ).toBeVisible();
}

test("a viewer sees every page, and every change is refused", async ({ browser }) => {
  const ds = importTeamDataset("viewer-ds", 2);
  const ctx = await signedIn(browser, uniqueName("viewer"), "viewer");
  const page = await ctx.newPage();
  for (const [path, text] of [
    ["/", ds.name],
    ["/jobs", "Jobs"],
    ["/import", "Import"],
    ["/settings", "Model endpoint"],
    [`/datasets/${ds.datasetId}`, ds.name],
    [`/datasets/${ds.datasetId}/analysis`, "Analysis"],
  ] as const) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByText(text).first(), path).toBeVisible();
  }
  // The review screen reads; marking "no error" (a label) is refused on the server and said so.
  await page.goto(`/datasets/${ds.datasetId}/traces/${ds.traces[0].id}`);
  await expect(page.locator("[data-step]").first()).toBeVisible();
  // keys work once the page has hydrated (the steps are server-rendered before that; CI pressed too early once)
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  await refusedAction(page, "0");
  expect(
    teamQuery<{ n: number }>(
      "SELECT count(*) AS n FROM FirstErrorLabel WHERE traceId = ? AND source = 'human'",
      ds.traces[0].id,
    )[0].n,
  ).toBe(0);

  // Routes refuse with 403 JSON: export, accept/reject, upload.
  const exp = await ctx.request.get(`/api/datasets/${ds.datasetId}/export?format=int`);
  expect(exp.status()).toBe(403);
  const dec = await ctx.request.post(`/api/interventions/x/decision`, {
    data: { decision: "accept", expectedVersion: 0 },
    headers: { origin: TEAM_URL },
  });
  expect(dec.status()).toBe(403);
  const up = await ctx.request.post(`/api/import?wait=1`, {
    multipart: {
      dataset: "nope",
      file: { name: "a.jsonl", mimeType: "application/json", buffer: Buffer.from("{}\n") },
    },
    headers: { origin: TEAM_URL },
  });
  expect(up.status()).toBe(403);
  // The admin page says why, and shows no users.
  await page.goto("/settings/users");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Only admins manage users/);
  await ctx.close();
});

test("an admin adds a user (one-time password), the user signs in, the admin changes the role, then disables: signed out", async ({
  browser,
}) => {
  const admin = await signedIn(browser, uniqueName("admin"), "admin");
  const ap = await admin.newPage();
  await ap.goto("/settings/users");
  const name = uniqueName("newbie");
  const form = ap.getByRole("form", { name: "Add a user" });
  await form.getByLabel("User name").fill(name);
  await form.getByLabel("Role").selectOption("annotator");
  await form.getByRole("button", { name: "Add user" }).click();
  const password = (await ap.getByTestId("one-time-password").textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(16);
  await expect(ap.getByRole("row", { name: `User ${name}` })).toContainText("annotator");

  const user = await browser.newContext({ baseURL: TEAM_URL });
  const up = await user.newPage();
  await up.goto("/");
  await up.getByLabel("User name").fill(name);
  await up.getByLabel("Password").fill(password);
  await up.getByRole("button", { name: "Sign in", exact: true }).click();
  // the password was one-time: until they choose their own, every page leads to their account page
  await expect(up).toHaveURL(/\/account$/);
  await expect(up.getByText("You signed in with a one-time password an admin gave you")).toBeVisible();
  await up.screenshot({ path: test.info().outputPath("one-time-password-account.png"), fullPage: true });
  await up.goto("/jobs");
  await expect(up).toHaveURL(/\/account$/);
  expect((await user.request.get("/api/jobs")).status()).toBe(403);
  const own = up.getByRole("form", { name: "Change your password" });
  await own.getByLabel("Current password").fill(password);
  await own.getByLabel("New password (8 to 128 characters)").fill("newbie-chose-this");
  await own.getByLabel("New password again").fill("newbie-chose-this");
  await own.getByRole("button", { name: "Change password" }).click();
  await expect(own.getByRole("status")).toContainText("Password changed");
  await expect(up.getByText("You signed in with a one-time password an admin gave you")).toHaveCount(0);
  await up.goto("/jobs");
  await expect(up).toHaveURL(/\/jobs$/);
  await expect(up.getByTestId("current-role")).toHaveText("annotator");
  await up.screenshot({ path: test.info().outputPath("signed-in-header.png") });

  await ap.getByLabel(`Role of ${name}`).selectOption("curator");
  await ap
    .getByRole("row", { name: `User ${name}` })
    .getByRole("button", { name: "Change role" })
    .click();
  await expect(
    ap
      .getByRole("row", { name: `User ${name}` })
      .getByRole("cell")
      .nth(1),
  ).toHaveText("curator");
  await up.reload();
  await expect(up.getByTestId("current-role")).toHaveText("curator");
  await ap.screenshot({ path: test.info().outputPath("users-page.png"), fullPage: true });

  ap.once("dialog", (d) => d.accept());
  await ap
    .getByRole("row", { name: `User ${name}` })
    .getByRole("button", { name: "Disable" })
    .click();
  await expect(ap.getByRole("row", { name: `User ${name}` })).toContainText("disabled");
  await up.goto("/jobs");
  await expect(up).toHaveURL(/\/sign-in\?next=%2Fjobs$/);
  expect((await user.request.get("/api/jobs")).status()).toBe(401);
  const audit = teamQuery<{ action: string }>(
    "SELECT a.action FROM AuditEvent a JOIN auth_user u ON u.id = a.entityId WHERE u.name = ? ORDER BY a.createdAt",
    name,
  );
  expect(audit.map((a) => a.action)).toEqual(["user.add", "user.password", "user.role", "user.disable"]);
  await admin.close();
  await user.close();
});
