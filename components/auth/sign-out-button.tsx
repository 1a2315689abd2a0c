"use client";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";

/** Ends this browser's session (the library deletes it server-side) and goes to the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button type="button" disabled={pending} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
      onClick={async () => {
        setPending(true);
        await authClient.signOut();
        window.location.assign("/sign-in");
      }}>
      Sign out
    </button>
  );
}
