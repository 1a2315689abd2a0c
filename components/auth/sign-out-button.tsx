"use client";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";

/** Ends this browser's session (the library deletes it server-side) and goes to the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100"
      onClick={async () => {
        setPending(true);
        await authClient.signOut();
        // A full page load, not router.push: it drops every cached page and query of the signed-out user.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}
