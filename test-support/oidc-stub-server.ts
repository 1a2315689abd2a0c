import { parseArgs } from "node:util";
import { startOidcStub } from "./oidc-stub";

// The stub OIDC provider as its own process, for the team e2e server (playwright.config.ts starts it before that
// server, whose OIDC_* point here). Tests only: `npx tsx test-support/oidc-stub-server.ts --port N --secret S`.
const { values } = parseArgs({
  options: { port: { type: "string" }, secret: { type: "string" }, "client-id": { type: "string" } },
});
const stub = await startOidcStub({
  port: Number(values.port),
  clientSecret: values.secret,
  clientId: values["client-id"],
});
process.stdout.write(`stub OIDC provider on ${stub.issuer} (client ${stub.clientId})\n`);
const stop = () => void stub.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
