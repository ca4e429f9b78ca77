// Debian's Chromium, headless, driven by playwright-core (which never downloads a browser).
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
// CI installs Debian's chromium (.ci/run), so there a missing browser is a failure, not a skip.
export const chromiumMissing = !existsSync(CHROMIUM) && !process.env.CI;
export const SKIP_NO_CHROMIUM = `skipped: ${CHROMIUM} is not installed (apt-get install chromium)`;

/** A headless Chromium that reaches nothing by itself (no sync, no updates, no background requests). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}
