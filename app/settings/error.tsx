"use client";
import { Button } from "@/components/ui/button";

export default function SettingsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl space-y-2 rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800">
      <p>The settings could not be loaded.</p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
