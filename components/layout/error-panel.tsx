"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** What an error.tsx shows: a one-line message and a retry. Details go to the console. */
export function ErrorPanel({
  error,
  reset,
  what = "this page",
}: {
  error: Error & { digest?: string };
  reset: () => void;
  what?: string;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-xl rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm">
      <p className="font-medium text-rose-800">Something went wrong while loading {what}.</p>
      <p className="mt-1 text-rose-700">{error.digest ? `Error reference ${error.digest}.` : error.message}</p>
      <Button className="mt-3" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
