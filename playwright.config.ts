import { defineConfig } from "@playwright/test";
import { serverNodeOptions } from "./lib/server/node-flags";

// Journeys run against `next build && next start` with a throwaway SQLite file and,
// where a journey needs a model, the stub server in e2e/stub-model (a test tool only).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const DB = `file:./data/e2e-${PORT}.db`;
// A second server on its own DB for the team journeys (sign-in, roles, queues): the first stays in single-user mode,
// as the README's two commands serve it. e2e/team-fixtures.ts has its port and DB file.
const TEAM_PORT = PORT + 100;
// The team server signs in through a stub OpenID Connect provider too (test-support/oidc-stub.ts; a test tool only).
const OIDC_PORT = PORT + 400;
const OIDC = { id: "int-studio-e2e", secret: "e2e-only-oidc-client-secret" };

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: `rm -f ./data/e2e-${PORT}.db* && npx next start -H 127.0.0.1 -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}`,
      env: {
        DATABASE_URL: DB,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        INT_USER: "e2e",
        INT_ALLOWED_HOSTS: "studio.e2e.test",
        NODE_OPTIONS: serverNodeOptions(),
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `npx tsx test-support/oidc-stub-server.ts --port ${OIDC_PORT} --client-id ${OIDC.id} --secret ${OIDC.secret}`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: `rm -f ./data/e2e-team-${PORT}.db* && npx next start -H 127.0.0.1 -p ${TEAM_PORT}`,
      url: `http://127.0.0.1:${TEAM_PORT}`,
      env: {
        DATABASE_URL: `file:./data/e2e-team-${PORT}.db`,
        OIDC_DISCOVERY_URL: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
        OIDC_CLIENT_ID: OIDC.id,
        OIDC_CLIENT_SECRET: OIDC.secret,
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_OPTIONS: serverNodeOptions(),
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
