import { expect, test } from "@playwright/test";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { unique, uploadRows } from "./upload-fixtures";

// Issue 11 §3: no write from another site, no answer under a foreign Host name. An attacker's
// page on another port of 127.0.0.1 auto-submits a multipart form to /api/import (a "simple"
// request: no preflight); a rebound name (Host: evil.example) asks for pages and posts actions.
// The studio's own import page keeps working.

const PORT = Number(process.env.E2E_PORT ?? 3100);
const STUDIO = `http://127.0.0.1:${PORT}`;
const ROW = {
  problem: "What is $2+2$?",
  answer: "4",
  reference_solution: "$2+2=4$.",
  incorrect_attempt: "So $2+2=5$.\n\n\\boxed{5}",
};

function attackerPage(dataset: string): string {
  // The file is built in the page (DataTransfer), as a real attacker's page would.
  return `<!doctype html><title>innocent page</title>
<form id="f" method="post" enctype="multipart/form-data" action="${STUDIO}/api/import">
<input type="text" name="dataset" value="${dataset}"><input type="file" name="file" id="file"></form>
<script>
const dt = new DataTransfer();
dt.items.add(new File([${JSON.stringify(JSON.stringify(ROW) + "\n")}], "x.jsonl", { type: "application/jsonl" }));
document.getElementById("file").files = dt.files;
document.getElementById("f").submit();
</script>`;
}

async function serveOnOtherPort(html: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(html));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: PORT, method, path, headers }, (res) => {
      let text = "";
      res
        .setEncoding("utf8")
        .on("data", (c) => (text += c))
        .on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("a page on another port auto-submits a multipart form to /api/import: refused, no dataset", async ({ page }) => {
  const name = unique("e2e-csrf");
  const { server, url } = await serveOnOtherPort(attackerPage(name));
  try {
    const answer = page.waitForResponse((r) => r.url() === `${STUDIO}/api/import`);
    await page.goto(url);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect(await res.text()).toMatch(/^Refused: a write from another site/);
  } finally {
    server.close();
  }
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("a foreign Host name (DNS rebinding) gets no page, no action and no import", async () => {
  const evil = `evil.example:${PORT}`;
  const page = await raw("GET", "/", { Host: evil });
  expect(page.status).toBe(421);
  expect(page.text.trim().split("\n")).toHaveLength(1);
  expect(page.text).toContain(`"${evil}"`);
  // A rebound page's own fetches are same-origin to it: Origin agrees with Host.
  const action = await raw(
    "POST",
    "/settings",
    {
      Host: evil,
      Origin: `http://${evil}`,
      "Sec-Fetch-Site": "same-origin",
      "Next-Action": "0".repeat(40),
      "Content-Type": "text/plain",
    },
    "[]",
  );
  expect(action.status).toBe(421);
  const upload = await raw(
    "POST",
    "/api/import",
    { Host: evil, Origin: `http://${evil}`, "Content-Type": "multipart/form-data; boundary=x" },
    "--x--\r\n",
  );
  expect(upload.status).toBe(421);
  expect((await raw("GET", "/api/jobs", { Host: evil })).status).toBe(421);
  // The loopback names and the configured one (INT_ALLOWED_HOSTS in playwright.config.ts) are served.
  for (const host of [`127.0.0.1:${PORT}`, `localhost:${PORT}`, `studio.e2e.test:${PORT}`])
    expect((await raw("GET", "/", { Host: host })).status, host).toBe(200);
});

test("the studio's own import page still imports", async ({ page }) => {
  const name = unique("e2e-same-origin");
  await uploadRows(page, name, "one.jsonl", [ROW]);
  await page.goto("/");
  await expect(page.getByRole("link", { name })).toBeVisible();
});
