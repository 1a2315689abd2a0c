import { parseArgs } from "node:util";
import { isRole, ROLES } from "@/lib/core/roles";
import {
  addUser,
  disableUser,
  enableUser,
  listUsers,
  resetUserPassword,
  setUserEmail,
  setUserRole,
} from "@/lib/data/users";
import { cliActor } from "@/lib/cli/cli-actor";

export const summary =
  "accounts: add NAME --role ROLE | list | role NAME ROLE | disable | enable | password | email NAME [ADDRESS]";

const USAGE = `usage: npm run int -- user add NAME --role ${ROLES.join("|")} [--password-stdin] [--email ADDRESS]
         prints a one-time password (or reads the password from stdin); the first account turns sign-in on;
         --email: only for single sign-on (GitHub/OIDC sign in the account with that email)
       npm run int -- user list
       npm run int -- user role NAME ROLE
       npm run int -- user disable NAME       the account cannot sign in again; its sessions end now
       npm run int -- user enable NAME        a disabled account can sign in again (with its old password)
       npm run int -- user password NAME [--password-stdin]
         sets a new password: prints a one-time one (or reads it from stdin); the old one stops working and
         every session of the account ends now
       npm run int -- user email NAME [ADDRESS]
         the email single sign-on (GitHub/OIDC) signs this account in with; without ADDRESS: no single sign-on
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, ""); // `echo pw |` adds one newline
}

export async function run(argv: string[]): Promise<number> {
  const {
    values: v,
    positionals: [cmd, name, roleArg],
  } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      email: { type: "string" },
      "password-stdin": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (v.help || !cmd) {
    (v.help ? process.stdout : process.stderr).write(USAGE);
    return v.help ? 0 : 2;
  }
  const actor = cliActor();
  const out = (s: string) => process.stdout.write(s + "\n");
  const err = (s: string) => (process.stderr.write(s + "\n"), 1);
  if (cmd === "list") {
    const users = await listUsers();
    if (!users.length) out("no accounts: single-user mode on a loopback address (add one to turn sign-in on)");
    for (const u of users) out(`${u.name}\t${u.role}\t${u.disabled ? "disabled" : "active"}\t${u.createdAt}`);
    return 0;
  }
  if (!name) return (process.stderr.write(USAGE), 2);
  if (cmd === "add") {
    if (!isRole(v.role)) return (process.stderr.write(`--role must be one of ${ROLES.join(", ")}\n\n${USAGE}`), 2);
    const password = v["password-stdin"] ? await readStdin() : undefined;
    const r = await addUser({ name, role: v.role, password, email: v.email, actor });
    if (!r.ok) return err(r.error);
    out(`added ${r.value.user.name} (${r.value.user.role})`);
    if (!password)
      out(
        `one-time password (shown once; hand it over privately; at the first sign-in it only lets its owner choose their own): ${r.value.password}`,
      );
    return 0;
  }
  if (cmd === "role") {
    if (!isRole(roleArg)) return (process.stderr.write(`ROLE must be one of ${ROLES.join(", ")}\n\n${USAGE}`), 2);
    const r = await setUserRole({ name, role: roleArg, actor });
    if (!r.ok) return err(r.error);
    out(`${r.value.name} is now ${r.value.role}`);
    return 0;
  }
  if (cmd === "disable") {
    const r = await disableUser({ name, actor });
    if (!r.ok) return err(r.error);
    out(`${r.value.name} is disabled; their sessions have ended`);
    return 0;
  }
  if (cmd === "enable") {
    const r = await enableUser({ name, actor });
    if (!r.ok) return err(r.error);
    out(`${r.value.name} is enabled; they can sign in again`);
    return 0;
  }
  if (cmd === "password") {
    const password = v["password-stdin"] ? await readStdin() : undefined;
    const r = await resetUserPassword({ name, password, actor });
    if (!r.ok) return err(r.error);
    out(`new password set for ${r.value.user.name}; their sessions have ended`);
    if (!password)
      out(
        `one-time password (shown once; hand it over privately; at the first sign-in it only lets its owner choose their own): ${r.value.password}`,
      );
    return 0;
  }
  if (cmd === "email") {
    const r = await setUserEmail({ name, email: roleArg ?? null, actor });
    if (!r.ok) return err(r.error);
    out(
      roleArg
        ? `${r.value.name} signs in with single sign-on as ${r.value.email}`
        : `${r.value.name}: no single sign-on`,
    );
    return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}
