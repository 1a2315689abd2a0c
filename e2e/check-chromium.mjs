// Playwright runs in Debian's Chromium (no browser download is possible here).
import { existsSync } from "node:fs";
const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(path)) {
  console.error(
    `Chromium not found at ${path}.\nInstall it with:  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium/Chrome binary)`,
  );
  process.exit(1);
}
