import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed, in the documented self-describing format", async () => {
    const stored = await hashPassword("liaison-demo");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(await verifyPassword("liaison-demo", stored)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const stored = await hashPassword("liaison-demo");
    expect(await verifyPassword("liaison-dem0", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts: two hashes of the same password differ and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("treats canonically equivalent Unicode spellings as the same password", async () => {
    const stored = await hashPassword("caf\u00e9");
    expect(await verifyPassword("cafe\u0301", stored)).toBe(true);
  });

  it("reads the cost parameters from the stored value", async () => {
    const stored = await hashPassword("x");
    const [, , , , salt, key] = stored.split("$");
    // Same salt and key under different parameters must not verify: the parameters are part of the hash.
    expect(await verifyPassword("x", `scrypt$16384$8$1$${salt}$${key}`)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["plain text", "liaison-demo"],
    ["other scheme", "bcrypt$2b$10$abcdefghijklmnopqrstuv"],
    ["too few parts", "scrypt$32768$8$1$c2FsdHNhbHRzYWx0"],
    ["too many parts", "scrypt$32768$8$1$c2FsdHNhbHRzYWx0$a2V5$extra"],
    ["N not a power of two", "scrypt$30000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["N absurdly large", "scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["r zero", "scrypt$32768$0$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["p not a number", "scrypt$32768$8$x$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["salt not base64", "scrypt$32768$8$1$not*base64!$a2V5a2V5a2V5a2V5a2V5a2V5"],
    ["key too short", "scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5"],
    ["parameters beyond the memory limit", "scrypt$1048576$32$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5"],
  ])("returns false (never throws) for a malformed stored value: %s", async (_label, stored) => {
    await expect(verifyPassword("liaison-demo", stored)).resolves.toBe(false);
  });

  it("returns false for a missing stored value", async () => {
    await expect(verifyPassword("liaison-demo", null)).resolves.toBe(false);
    await expect(verifyPassword("liaison-demo", undefined)).resolves.toBe(false);
  });
});
