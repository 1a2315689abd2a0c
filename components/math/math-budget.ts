"use client";
import { createContext } from "react";
import type { PageBudget } from "@/lib/render/budget";

// The page's math budget (lib/render/budget.ts), shared by every MathMarkdown below the list
// that provides it: on the server across the streamed chunks of a long trace, in the browser
// across the steps rendered at once and those rendered later when idle (render-queue.ts).
// Without a provider each text has only its own budget.
export const MathBudgetContext = createContext<PageBudget | null>(null);
