"use client";
import { createAuthClient } from "better-auth/client";
import { usernameClient } from "better-auth/client/plugins";

// The browser side of better-auth: same origin, so no base URL; it sends the session cookie and reads JSON errors.
export const authClient = createAuthClient({ plugins: [usernameClient()] });
