import { chromium, type Browser } from "@playwright/test";
import config from "../../playwright.config";

// Chromium with the same executable and flags as the Playwright journeys.
export async function launchChromium(): Promise<Browser> {
  const opts = config.use?.launchOptions ?? {};
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? opts.executablePath ?? "/usr/bin/chromium",
    args: opts.args ?? [],
  });
}
