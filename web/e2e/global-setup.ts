// Starts the real server for the tests: a temporary SQLite database with the demo practice
// (`tessera demo-practice`, whose accounts' passwords it prints once), one more client whose
// name is a stored-XSS payload (created by demo-ana over the API, so she leads it), and
// `tessera serve` on a free loopback port serving the built app (web/dist). Tests read the
// URL and passwords from environment variables set here; the returned function stops it all.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { XSS_NAME } from "./fixtures";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const binary = path.resolve(webDir, process.env.TESSERA_BIN ?? "../build/tessera");

function waitForUrl(server: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    let errors = "";
    const timer = setTimeout(() => reject(new Error(`tessera did not start:\n${errors}`)), 60_000);
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /tessera: listening on (http:\/\/\S+)/.exec(output);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-4000);
    });
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`tessera exited with ${code}:\n${errors}`));
    });
  });
}

async function createXssClient(url: string, password: string): Promise<number> {
  const login = await fetch(`${url}/api/v1/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "demo-ana", password, credential: "bearer" }),
  });
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${url}/api/v1/clients`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ identifiers: { name: XSS_NAME } }),
  });
  if (!created.ok) throw new Error(`creating the XSS client: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { id: number }).id;
}

export default async function globalSetup() {
  const scratch = mkdtempSync(path.join(tmpdir(), "tessera-e2e-"));
  const db = path.join(scratch, "e2e.db");
  const printed = execFileSync(binary, ["demo-practice", "--db", db], { encoding: "utf8" });
  const passwords: Record<string, string> = {};
  for (const match of printed.matchAll(/^demo user (\S+) \(\w+\) password: (\S+)$/gm)) {
    passwords[match[1] as string] = match[2] as string;
  }
  if (!passwords["demo-ana"]) throw new Error(`no demo passwords in:\n${printed}`);

  const server = spawn(binary, ["serve", "--db", db], {
    env: {
      ...process.env,
      TESSERA_SERVER_PORT: "0",
      TESSERA_WEB_ROOT: process.env.TESSERA_E2E_WEB_ROOT ?? path.join(webDir, "dist"),
      TESSERA_LOGGING_LEVEL: "warning",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await waitForUrl(server);
  const xssClient = await createXssClient(url, passwords["demo-ana"]);

  process.env.TESSERA_E2E_URL = url;
  process.env.TESSERA_E2E_PASSWORDS = JSON.stringify(passwords);
  process.env.TESSERA_E2E_XSS_CLIENT = String(xssClient);

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    rmSync(scratch, { recursive: true, force: true });
  };
}
