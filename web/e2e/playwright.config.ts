// End-to-end tests: Debian's Chromium (/usr/bin/chromium, never a downloaded browser) driven by
// Playwright against the real `tessera serve` on a free loopback port, with a temporary SQLite
// database holding the demo practice (global-setup.ts). Run by CTest (web_e2e_test) after the
// app is built into web/dist.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  globalSetup: "./global-setup.ts",
  // Two cores shared with the server: one browser at a time keeps timings calm.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.TESSERA_E2E_OUTPUT ?? "../test-results",
  use: {
    baseURL: process.env.TESSERA_E2E_URL,
    viewport: { width: 1366, height: 900 },
    locale: "en-GB",
    timezoneId: "UTC",
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
    trace: "off",
    screenshot: "only-on-failure",
  },
});
