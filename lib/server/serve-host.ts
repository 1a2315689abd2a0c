// May `npm start` listen on this HOST? On a network address whoever reaches the port could import, edit, export
// and spend the model key, so it requires sign-in: at least one active admin account (issue 13 §1). On loopback
// with no accounts the studio stays in single-user mode, as before sign-in existed.

export function isLoopbackAddress(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export type ServeHostDecision = { ok: true; warning?: string } | { ok: false; message: string };

export function checkServeHost(host: string, activeAdmins: number, allowedHostsSetting?: string): ServeHostDecision {
  if (isLoopbackAddress(host)) return { ok: true };
  if (activeAdmins < 1) {
    return {
      ok: false,
      message: [
        `Refusing to serve on HOST=${host}: a network address requires sign-in, and there is no admin account yet.`,
        `Create one first: \`npm run int -- user add NAME --role admin\` (it prints a one-time password), then start again`,
        `and list the names people will type in INT_ALLOWED_HOSTS (requests for any other name are refused).`,
        `Or serve on 127.0.0.1 (the default) and reach it through an SSH tunnel.`,
      ].join("\n"),
    };
  }
  if (allowedHostsSetting?.trim()) return { ok: true };
  return {
    ok: true,
    warning: `Serving on HOST=${host} with sign-in on. INT_ALLOWED_HOSTS is empty, so only loopback names are answered; add the names people use.`,
  };
}
