// The measuring half of bench/web/caseload-500 (see there). Prints, per run, the time from
// navigation to the caseload table's first row and to all rows shown, then the median and
// range; and the time the seeding took.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.cwd(), "package.json"));
const { chromium } = require("@playwright/test");

const binary = process.env.TESSERA_BIN;
const clients = Number(process.env.BENCH_CLIENTS);
const runs = Number(process.env.BENCH_RUNS);
const scratch = mkdtempSync(path.join(tmpdir(), "tessera-bench-caseload-"));
const db = path.join(scratch, "bench.db");

const printed = execFileSync(binary, ["demo-practice", "--db", db], { encoding: "utf8" });
const password = /^demo user demo-ana \(\w+\) password: (\S+)$/m.exec(printed)?.[1];
if (!password) throw new Error("no demo-ana password printed");

const server = spawn(binary, ["serve", "--db", db], {
  env: { ...process.env, TESSERA_SERVER_PORT: "0", TESSERA_LOGGING_LEVEL: "warning" },
  stdio: ["ignore", "pipe", "pipe"],
});
const url = await new Promise((resolve, reject) => {
  let output = "";
  server.stdout.on("data", (chunk) => {
    output += chunk.toString();
    const found = /tessera: listening on (http:\/\/\S+)/.exec(output);
    if (found) resolve(found[1]);
  });
  server.on("exit", (code) => reject(new Error(`tessera exited with ${code}`)));
});

try {
  const login = await fetch(`${url}/api/v1/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "demo-ana", password, credential: "bearer" }),
  });
  const { token } = await login.json();
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${token}` };
  const call = async (method, route, body) => {
    const answer = await fetch(`${url}${route}`, { method, headers, body: body && JSON.stringify(body) });
    if (!answer.ok) throw new Error(`${method} ${route}: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };

  const countCaseload = async () => {
    let count = 0;
    let cursor = "";
    do {
      const page = await call("GET", `/api/v1/caseload?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      count += page.items.length;
      cursor = page.next_cursor ?? "";
    } while (cursor);
    return count;
  };

  // Top demo-ana's caseload up to `clients`, each with an episode, a session and a PHQ-9
  // total (scores spread over the scale so every status appears).
  const seedStart = performance.now();
  const have = await countCaseload();
  const today = new Date().toISOString().slice(0, 10);
  for (let index = have; index < clients; index++) {
    const client = await call("POST", "/api/v1/clients", { identifiers: { name: `Bench client ${String(index).padStart(3, "0")}` } });
    const episode = await call("POST", `/api/v1/clients/${client.id}/episodes`, { opened_on: today, reason: "benchmark" });
    const session = await call("POST", `/api/v1/clients/${client.id}/sessions`, {
      episode_id: episode.id,
      date: today,
      attendance: "attended",
    });
    await call("POST", `/api/v1/clients/${client.id}/sessions/${session.id}/measures`, {
      instrument: "phq9",
      total: index % 28,
    });
  }
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const shown = await countCaseload();
  // The server's part: the whole caseload over the API, page by page, as the page reads it.
  const api = [];
  for (let run = 0; run < runs; run++) {
    const start = Date.now();
    await countCaseload();
    api.push(Date.now() - start);
  }

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Username").fill("demo-ana");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("table.caseload tbody tr").first().waitFor();

  const first = [];
  const all = [];
  for (let run = 0; run < runs; run++) {
    const start = Date.now();
    await page.goto(`${url}/`);
    await page.locator("table.caseload tbody tr").first().waitFor();
    first.push(Date.now() - start);
    await page.waitForFunction((count) => document.querySelectorAll("table.caseload tbody tr").length >= count, shown);
    all.push(Date.now() - start);
  }
  await browser.close();

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`clients in demo-ana's caseload: ${shown} (seeded over the API in ${seedSeconds.toFixed(1)} s)`);
  console.log(`load average while measuring: ${loadavg().map((value) => value.toFixed(1)).join(" ")} (cores: ${cpus().length})`);
  console.log(`GET /api/v1/caseload, every page (limit 200), ms: ${api.join(" ")} (median ${median(api)})`);
  console.log(`first row shown, ms: ${first.join(" ")} (median ${median(first)}, ${Math.min(...first)}-${Math.max(...first)})`);
  console.log(`all ${shown} rows shown, ms: ${all.join(" ")} (median ${median(all)}, ${Math.min(...all)}-${Math.max(...all)})`);
} finally {
  server.kill();
  rmSync(scratch, { recursive: true, force: true });
}
