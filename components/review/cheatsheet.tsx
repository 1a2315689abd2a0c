"use client";
import { KeyHelpDialog } from "@/components/ui/key-help";
import { useReview } from "./review-context";
import { KEY_HELP } from "./use-review-keys";

export function Cheatsheet() {
  const { cheatsheet, setCheatsheet } = useReview();
  return (
    <KeyHelpDialog
      open={cheatsheet}
      onClose={() => setCheatsheet(false)}
      help={KEY_HELP}
      footer="Keys do nothing while you type in a field. Click a step to select it; click its gutter button to mark it."
    />
  );
}
