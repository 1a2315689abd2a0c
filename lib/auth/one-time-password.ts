// What a person signed in with a one-time password is told wherever they try to go before choosing their own
// (lib/auth/gate.ts for pages and routes, lib/auth/actor.ts for actions). No server imports: the proxy reads it too.
export const CHANGE_PASSWORD_FIRST =
  "Choose your own password first, on your account page (/account): the one you were given works once";
