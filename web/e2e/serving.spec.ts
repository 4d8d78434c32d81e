// The real server's answers for the app's files, requested byte for byte (node:http sends
// the path as written; a browser would resolve the dot segments first).
import { request as httpRequest } from "node:http";
import { expect, test } from "./fixtures";

function rawGet(path: string): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(process.env.TESSERA_E2E_URL as string);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, path, method: "GET" },
      (incoming) => {
        let body = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (body += chunk));
        incoming.on("end", () =>
          resolve({ status: incoming.statusCode ?? 0, type: incoming.headers["content-type"] ?? "", body }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end();
  });
}

test("no path reaches a file outside the app's directory", async () => {
  const page = await rawGet("/");
  expect(page.status).toBe(200);
  const attempts = [
    "/../../../../etc/passwd",
    "/assets/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/assets/..\\..\\..\\etc\\passwd",
    "/%2e%2e/CMakeLists.txt",
    "/../package.json",
    "/../src/main.tsx",
  ];
  for (const path of attempts) {
    const answer = await rawGet(path);
    // Refused (400, 404), or the app's own page for a path that names no file: never the file.
    expect(answer.body, path).not.toContain("root:");
    expect(answer.body, path).not.toContain("cmake_minimum_required");
    expect(answer.body, path).not.toContain('"devDependencies"');
    expect(answer.body, path).not.toContain("createRoot");
    if (answer.status === 200) expect(answer.body, path).toBe(page.body);
    else expect([400, 404], path).toContain(answer.status);
  }
});

test("client-side routes get the page; missing files and API paths get the JSON 404", async () => {
  const page = await rawGet("/");
  for (const path of ["/clients/1", "/alerts", "/sign-in?next=%2F"]) {
    const answer = await rawGet(path);
    expect(answer.status, path).toBe(200);
    expect(answer.type, path).toBe("text/html; charset=utf-8");
    expect(answer.body, path).toBe(page.body);
  }
  for (const path of ["/assets/missing-0123abcd.js", "/api/v1/no-such-thing", "/api/"]) {
    const answer = await rawGet(path);
    expect(answer.status, path).toBe(404);
    expect(answer.type, path).toBe("application/json");
  }
});
