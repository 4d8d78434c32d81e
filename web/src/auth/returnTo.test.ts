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

describe("refusalOf", () => {
  it("tells a missing code, a wrong code, wrong credentials and the rate limit apart", async () => {
    const { refusalOf } = await import("./session");
    const { ApiError } = await import("../api/client");
    expect(refusalOf(new ApiError(401, "unauthenticated", "field 'totp_code' is required for this account"))).toBe("needs_code");
    expect(refusalOf(new ApiError(401, "unauthenticated", "one-time code is wrong or was already used"))).toBe("wrong_code");
    expect(refusalOf(new ApiError(401, "unauthenticated", "username or password is wrong"))).toBe("wrong");
    expect(refusalOf(new ApiError(429, "resource_exhausted", "too many"))).toBe("too_many");
    expect(refusalOf(new Error("network"))).toBe("other");
  });
});
