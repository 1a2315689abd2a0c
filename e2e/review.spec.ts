import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import http from "node:http";
import { DB_FILE, PORT, importRows, type Imported } from "./propose-fixtures";

// Review journeys: keyboard labelling, writing and accepting an intervention, undo, a stale
// concurrent edit refused, and accept-and-next. Data comes in through the import CLI.
const BASE = `http://127.0.0.1:${PORT}`;
const DATASET = `review-e2e-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

const rows = [
  {
    problem: "Compute $2+3\\cdot 4$.",
    answer: "14",
    reference_solution: "Multiplication first: $3\\cdot 4 = 12$, then $2 + 12 = \\boxed{14}$.",
    incorrect_attempt:
      "We need $2+3\\cdot 4$.\n\nAdding first, $2+3 = 5$.\n\nThen $5 \\cdot 4 = 20$.\n\nSo the answer is $\\boxed{20}$.",
  },
  {
    problem: "Compute $10-2\\cdot 3$.",
    answer: "4",
    reference_solution: "$2\\cdot 3=6$ and $10-6=\\boxed{4}$.",
    incorrect_attempt: "Subtract first: $10-2=8$.\n\nThen $8\\cdot 3 = 24$.\n\nAnswer: $\\boxed{24}$.",
    intervention: {
      content: "Multiplication binds tighter, so I should compute $2\\cdot 3$ before subtracting.",
      location: 1,
    },
  },
];

let ids: Imported;

test.beforeAll(() => {
  ids = importRows(DATASET, rows, "id");
});

const traceUrl = (problemPrefix: string) => {
  const t = ids.traces.find((x) => x.problem.startsWith(problemPrefix));
  if (!t) throw new Error(`no trace for ${problemPrefix}`);
  return `/datasets/${ids.datasetId}/traces/${t.id}`;
};

/** When (ms after the request) each marker's bytes arrived, and when the response ended. */
function timedFetch(url: string, markers: string[]): Promise<{ marks: Record<string, number>; end: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const marks: Record<string, number> = {};
    let body = "";
    http
      .get(url, { headers: { "accept-encoding": "identity" } }, (res) => {
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          body += d;
          for (const m of markers) if (marks[m] === undefined && body.includes(m)) marks[m] = performance.now() - t0;
        });
        res.on("end", () => resolve({ marks, end: performance.now() - t0 }));
      })
      .on("error", reject);
  });
}

async function openAs(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(url);
  await expect(page.locator("[data-ready='1']")).toBeVisible();
  return page;
}

async function asUser(browser: import("@playwright/test").Browser, user: string) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await ctx.addCookies([{ name: "int-user", value: user, url: BASE }]);
  return ctx;
}

test("keyboard review: mark first error, write an intervention, accept, undo", async ({ browser }) => {
  const ctx = await asUser(browser, `carol-${Date.now()}`);
  const page = await openAs(ctx, traceUrl("Compute $2+3"));
  const status = page.getByTestId("trace-status");
  await expect(status).toHaveText("todo");
  await expect(page.locator("[data-step]")).toHaveCount(4);
  await expect(page.getByTestId("ground-truth")).toContainText("14");

  // ? opens the cheatsheet, Escape closes it.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeHidden();

  // Keys do nothing while typing in a field.
  const note = page.getByRole("textbox", { name: "Note" });
  await note.fill("");
  await note.pressSequentially("a j e 0");
  await expect(status).toHaveText("todo");
  await note.blur();

  await page.keyboard.press("j");
  await expect(page.locator('[data-step="2"]')).toHaveAttribute("aria-current", "step");
  await page.keyboard.press("e");
  await expect(page.getByRole("status")).toHaveText("Marked step 2 as first error");
  await expect(status).toHaveText("labelled");
  await expect(page.getByTestId("my-label")).toHaveText("You: step 2");

  // t toggles raw text: the LaTeX source becomes visible.
  await page.keyboard.press("t");
  await expect(page.locator('[data-step="2"] pre')).toBeVisible();
  await expect(page.locator('[data-step="2"] pre')).toHaveText("Adding first, $2+3 = 5$.");
  await page.keyboard.press("t");

  await page.keyboard.press("i");
  const editor = page.getByRole("textbox", { name: "Intervention content" });
  await expect(editor).toBeFocused();
  await expect(page.getByRole("spinbutton", { name: "Location (step)" })).toHaveValue("2");
  await editor.pressSequentially("Wait: multiplication comes first,\nso $3\\cdot 4 = 12$.");
  // Exact build rule: prefix (step 1) + "\n\n" + content with "\n" -> "\n\n"; suffix dropped.
  await expect(page.getByTestId("guided-preview")).toHaveText(
    "We need $2+3\\cdot 4$.\n\nWait: multiplication comes first,\n\nso $3\\cdot 4 = 12$.",
  );
  await page.screenshot({ path: "test-results/review-composer.png" });
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status")).toHaveText("Intervention at step 2 saved (proposed)");
  const item = page.getByTestId("intervention");
  await expect(item).toHaveCount(1);
  await expect(item).toContainText("proposed");

  await page.keyboard.press("a");
  // carol labelled step 2 herself: the accept keeps that label and says so
  await expect(page.getByRole("status")).toHaveText("Accepted; kept your first-error label: step 2");
  await expect(status).toHaveText("curated");
  await expect(item).toContainText("accepted");
  await page.screenshot({ path: "test-results/review-accepted.png", fullPage: true });

  await page.keyboard.press("u");
  await expect(page.getByRole("status")).toHaveText("Undid your accept");
  await expect(status).toHaveText("labelled");
  await page.keyboard.press("a");
  await expect(status).toHaveText("curated");

  // n / p follow the list order (id ascending) to the neighbouring trace.
  const order = ids.traces.map((t) => t.id);
  const at = order.findIndex((id) => traceUrl("Compute $2+3").endsWith(id));
  const [key, other] = at + 1 < order.length ? ["n", order[at + 1]] : ["p", order[at - 1]];
  await page.keyboard.press(key);
  await expect(page).toHaveURL(new RegExp(`/traces/${other}$`));
  await ctx.close();
});

test("a stale concurrent edit is refused with who, when and what changed", async ({ browser }) => {
  const url = traceUrl("Compute $10");
  const [alice, bob] = [await asUser(browser, "alice"), await asUser(browser, "bob")];
  const pa = await openAs(alice, url);
  const pb = await openAs(bob, url);
  for (const p of [pa, pb]) await expect(p.getByTestId("intervention")).toContainText("proposed");

  await pa.keyboard.press("c");
  await pa.getByRole("textbox", { name: "Intervention content" }).fill("Alice: do $2\\cdot 3$ first.");
  await pa.keyboard.press("Control+Enter");
  await expect(pa.getByRole("status")).toHaveText("Saved your edit; recorded your first-error label: step 1");
  await expect(pa.getByTestId("intervention")).toContainText("edited");

  await pb.keyboard.press("c");
  await pb.getByRole("textbox", { name: "Intervention content" }).fill("Bob: products before differences.");
  await pb.keyboard.press("Control+Enter");
  await expect(pb.getByRole("status")).toHaveText(
    /^Intervention was edited by alice at \d\d:\d\d UTC \(status proposed -> edited; content changed\); reload to see it$/,
  );
  await pb.screenshot({ path: "test-results/review-stale.png" });
  await pb.keyboard.press("Escape");
  await pb.keyboard.press("a");
  await expect(pb.getByRole("status")).toContainText("was edited by alice");

  const db = new Database(DB_FILE, { readonly: true });
  const iv = db
    .prepare("SELECT i.content, i.status, i.originalContent FROM Intervention i WHERE i.traceId = ?")
    .get(url.split("/").pop()) as Record<string, string>;
  db.close();
  expect(iv).toEqual({
    content: "Alice: do $2\\cdot 3$ first.",
    status: "edited",
    originalContent: rows[1].intervention!.content,
  });

  await pb.reload();
  await expect(pb.locator("[data-ready='1']")).toBeVisible();
  await expect(pb.getByTestId("intervention")).toContainText("Alice: do");
  await pb.keyboard.press("a");
  await expect(pb.getByRole("status")).toHaveText("Accepted; kept alice's first-error label: step 1");
  await expect(pb.getByTestId("trace-status")).toHaveText("curated");
  await alice.close();
  await bob.close();
});

test("accept-and-next moves on at once; a refused accept is reported on the next trace with a way back", async ({
  browser,
}) => {
  // Its own two traces, each with a proposed intervention.
  const iv = (content: string) => ({ content, location: 1 });
  const own = importRows(
    `${DATASET}-outbox`,
    [
      { ...rows[0], problem: "Outbox one: compute $1+1$.", intervention: iv("Add the units: $1+1=2$.") },
      { ...rows[0], problem: "Outbox two: compute $2+2$.", intervention: iv("Add again: $2+2=4$.") },
    ],
    "id",
  );
  const [first, second] = own.traces.map((t) => `/datasets/${own.datasetId}/traces/${t.id}`);

  const [alice, bob] = [await asUser(browser, "alice"), await asUser(browser, "bob")];
  const pb = await openAs(bob, first);
  const pa = await openAs(alice, first);
  await pa.keyboard.press("c");
  await pa.getByRole("textbox", { name: "Intervention content" }).fill("Alice: $1+1=2$.");
  await pa.keyboard.press("Control+Enter");
  await expect(pa.getByRole("status")).toHaveText("Saved your edit; recorded your first-error label: step 1");

  // Bob's page still shows the old version: Shift+A takes him to the next trace straight away,
  // and the refusal follows him there.
  await pb.keyboard.press("Shift+A");
  await expect(pb).toHaveURL(new RegExp(`${second}$`));
  const alert = pb.getByTestId("outbox-failed");
  await expect(alert).toContainText("Accepting the intervention at step 1 was not saved");
  await expect(alert).toContainText("was edited by alice");
  await pb.screenshot({ path: "test-results/review-outbox-refused.png" });
  await alert.getByRole("link", { name: "Back to that trace" }).click();
  await expect(pb).toHaveURL(new RegExp(`${first}$`));
  await expect(pb.getByTestId("intervention")).toContainText("Alice: ");

  // An accepted one saves in the background and leaves nothing behind.
  await expect(pb.locator("[data-ready='1']")).toBeVisible();
  await pb.getByRole("button", { name: "Dismiss" }).click();
  await pb.keyboard.press("Shift+A");
  await expect(pb).toHaveURL(new RegExp(`${second}$`));
  await expect(pb.getByTestId("outbox-saving")).toHaveCount(0);
  await expect(pb.getByTestId("outbox-failed")).toHaveCount(0);
  const check = new Database(DB_FILE, { readonly: true });
  const status = check.prepare("SELECT status FROM Intervention WHERE traceId = ?").get(first.split("/").pop()) as {
    status: string;
  };
  check.close();
  expect(status.status).toBe("accepted");
  await alice.close();
  await bob.close();
});

test("a long trace opened with n shows at once; its later steps' math follows, sanitised", async ({ browser }) => {
  const STEPS = 400;
  // Each trace its own formulas (`at` shifts the numbers), so neither renders from the other's cache.
  const long = (tag: string, at: number) =>
    Array.from({ length: STEPS }, (_, i) =>
      i === STEPS - 2
        ? `${tag} step ${i + 1}: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> and $x_{${i}} = ${at + i}^2$.`
        : `${tag} step ${i + 1}: we have $x_{${i}} = ${at + i}^2 + 1$ and \\(\\frac{${at + i}}{2}\\).`,
    ).join("\n\n");
  const own = importRows(
    `${DATASET}-long`,
    [
      {
        ...rows[0],
        problem: "Long one: compute $1+1$.",
        answer: "864 \\mbox{ inches}^2",
        incorrect_attempt: long("A", 0),
      },
      { ...rows[0], problem: "Long two: compute $2+2$.", incorrect_attempt: long("B", 1000) },
    ],
    "id",
  );
  const [first, second] = own.traces.map((t) => `/datasets/${own.datasetId}/traces/${t.id}`);
  // The server streams: step 1 leaves with the page's shell, long before the last step is
  // rendered. (When every chunk was rendered in one pass, the first byte left at ~90% of the
  // render; compared within one request, so a slow machine slows both ends alike.)
  // (Measured in this test's server: 0.30-0.34 of the response time; 0.64 before the fix.)
  await timedFetch(`${BASE}${second}`, []); // the server's first long page warms it up
  const arrival = await timedFetch(`${BASE}${first}`, ['data-step="1"', `data-step="${STEPS}"`]);
  expect(arrival.marks['data-step="1"']).toBeLessThan(arrival.end * 0.5);

  const ctx = await asUser(browser, "dora");
  const page = await openAs(ctx, first);
  const step = (n: number) => page.locator(`[data-step="${n}"] .dual-rendered`);
  // A bare-LaTeX answer (as MATH-500 writes them) is shown as math; its raw form is the text as stored.
  const truth = page.getByTestId("ground-truth");
  await expect(truth.locator(".dual-rendered .katex")).toHaveCount(1);
  await expect(truth.locator(".dual-raw")).toHaveText("864 \\mbox{ inches}^2");
  await truth.screenshot({ path: "test-results/review-bare-latex-answer.png" });
  // A full load: the server sent every step rendered.
  await expect(step(STEPS).locator(".katex")).toHaveCount(2);

  // Record whether the new trace was first shown with its later steps still waiting.
  await page.evaluate(`(() => {
    window.__pendingSeen = 0;
    const mo = new MutationObserver(() => { if (document.querySelector(".md-pending")) { window.__pendingSeen = document.querySelectorAll(".md-pending").length; mo.disconnect(); } });
    mo.observe(document.body, { subtree: true, childList: true });
  })()`);
  await page.keyboard.press("n");
  await expect(page).toHaveURL(new RegExp(`${second}$`));
  await expect(step(1)).toContainText("B step 1");
  expect(await page.evaluate(() => (window as Window & { __pendingSeen?: number }).__pendingSeen)).toBeGreaterThan(300);
  await expect(step(1).locator(".katex")).toHaveCount(2);
  // The later steps are rendered when the browser is idle; the last ones get there too.
  await expect(step(STEPS).locator(".katex")).toHaveCount(2, { timeout: 15_000 });
  await expect(step(STEPS - 1).locator(".katex")).toHaveCount(1);
  await expect(step(STEPS - 1)).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(step(STEPS - 1).locator("img, script")).toHaveCount(0);
  expect(await page.evaluate(() => (window as Window & { __pwned?: number }).__pwned)).toBeUndefined();
  // The raw form is the text as written, byte for byte.
  await expect(page.locator(`[data-step="${STEPS}"] .dual-raw`)).toHaveText(
    `B step ${STEPS}: we have $x_{${STEPS - 1}} = ${1000 + STEPS - 1}^2 + 1$ and \\(\\frac{${1000 + STEPS - 1}}{2}\\).`,
  );
  await page.screenshot({ path: "test-results/review-long-trace-after-n.png" });
  await ctx.close();
});
