// May `npm start` listen on this HOST? There is no sign-in yet: whoever reaches the port can
// import, edit, export and spend the model key. So loopback only, unless the person starting
// the server says they know (INT_ALLOW_NETWORK=1 or --allow-network).

export function isLoopbackAddress(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export type ServeHostDecision = { ok: true; warning?: string } | { ok: false; message: string };

export function checkServeHost(host: string, allowNetwork: boolean, allowedHostsSetting?: string): ServeHostDecision {
  if (isLoopbackAddress(host)) return { ok: true };
  if (!allowNetwork) {
    return {
      ok: false,
      message: [
        `Refusing to serve on HOST=${host}: the studio has no sign-in, so anyone who can reach this address could import, edit and export data and use the model key.`,
        `Serve on 127.0.0.1 (the default) and reach it through an SSH tunnel, or, on a network you trust, start it knowingly with INT_ALLOW_NETWORK=1 (or \`npm start -- --allow-network\`)`,
        `and list the names people will type in INT_ALLOWED_HOSTS (requests for any other name are refused).`,
      ].join("\n"),
    };
  }
  const warning = `Serving on HOST=${host} with no sign-in (INT_ALLOW_NETWORK): everyone who can reach it can change data.` +
    (allowedHostsSetting?.trim() ? "" : " INT_ALLOWED_HOSTS is empty, so only loopback names are answered; add the names people use.");
  return { ok: true, warning };
}
