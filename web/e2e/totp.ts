// RFC 6238 codes (SHA-1, 6 digits, 30-second steps), as an authenticator app computes them,
// for the second-factor sign-in test.
import { createHmac } from "node:crypto";

function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const symbol of text.replace(/=+$/, "").toUpperCase()) {
    const value = alphabet.indexOf(symbol);
    if (value < 0) throw new Error(`not base32: ${symbol}`);
    bits += value.toString(2).padStart(5, "0");
  }
  const bytes: number[] = [];
  for (let offset = 0; offset + 8 <= bits.length; offset += 8) bytes.push(parseInt(bits.slice(offset, offset + 8), 2));
  return Buffer.from(bytes);
}

/// The code of `secret` (base32) for the 30-second step `step` (Unix time / 30).
export function totpCode(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

export function currentStep(): number {
  return Math.floor(Date.now() / 1000 / 30);
}
