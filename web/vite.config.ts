/// <reference types="vitest/config" />
// Vite builds the app into dist/ (served by `tessera serve`, docs/web.md): hashed file names
// under assets/, no inline scripts or styles (the server's Content-Security-Policy forbids
// them), no module-preload polyfill (every supported browser has modulepreload).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs; every file is its own hashed, cacheable asset.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev`: the API of a `tessera serve` started separately (TESSERA_DEV_API).
    proxy: { "/api": process.env.TESSERA_DEV_API ?? "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
