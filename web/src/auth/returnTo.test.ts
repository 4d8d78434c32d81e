import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPath } from "./returnTo";

describe("safeReturnPath", () => {
  const cases: [string | null, string][] = [
    ["/clients/4", "/clients/4"],
    ["/alerts?state=open", "/alerts?state=open"],
    [null, "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/x", "/"],
    ["/api/v1/logout", "/"],
  ];
  it.each(cases)("%s -> %s", (value, expected) => expect(safeReturnPath(value)).toBe(expected));
});

describe("signInPath", () => {
  it("carries the page to return to and whether the session ended", () => {
    expect(signInPath("/clients/4", true)).toBe("/sign-in?next=%2Fclients%2F4&ended=1");
  });
});
