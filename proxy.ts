import { NextResponse, type NextRequest } from "next/server";
import { refuseForeignRequest } from "@/lib/server/guard-response";
import { signInGate } from "@/lib/auth/gate";

// Every page, server action and route handler answers only to the configured host names and
// takes writes only from its own origin (lib/server/request-guard.ts says why). With sign-in on,
// a signed-out page request goes to /sign-in (and comes back after) and an API request gets 401 JSON.
export async function proxy(request: NextRequest) {
  return refuseForeignRequest(request) ?? (await signInGate(request)) ?? NextResponse.next();
}

export const config = {
  // Left out: static build files (public code, no data) and POST /api/import (the upload), which makes the same
  // checks itself. Next reads the whole body of a request it hands to the proxy into memory and
  // cuts it at `proxyClientMaxBodySize` (10 MB), which would break and bloat 500 MB uploads.
  matcher: ["/((?!_next/static/|_next/image|api/import/?$).*)"],
};
