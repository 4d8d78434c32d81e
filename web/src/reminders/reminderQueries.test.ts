import { describe, expect, it } from "vitest";
import { consentedChannels } from "./reminderQueries";

const contact = {
  client_id: 1,
  version: 1,
  email: "a@example.org",
  mobile: "+447700900123",
  email_consent: true,
  sms_consent: false,
  client_has_account: false,
  recorded_at: "2026-12-07T20:00:00Z",
};

describe("consentedChannels", () => {
  it("names only the channels the client agreed to and has an address for", () => {
    expect(consentedChannels(contact)).toEqual(["email"]);
    expect(consentedChannels({ ...contact, sms_consent: true })).toEqual(["email", "sms"]);
    expect(consentedChannels({ ...contact, email: "", sms_consent: true })).toEqual(["sms"]);
    expect(consentedChannels({ ...contact, email_consent: false })).toEqual([]);
    expect(consentedChannels(undefined)).toEqual([]);
  });
});
