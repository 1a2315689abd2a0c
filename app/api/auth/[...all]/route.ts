import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

// better-auth's endpoints (sign-in, sign-out, session): reachable signed out, by design. The library checks the
// Origin of every write against the trusted hosts and rate-limits sign-in (lib/auth/auth.ts).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = (req: Request) => toNextJsHandler(auth()).GET(req);
export const POST = (req: Request) => toNextJsHandler(auth()).POST(req);
