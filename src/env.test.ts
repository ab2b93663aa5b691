import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("UPLOAD_DAILY_LIMIT_MB (issue 13: a per-person upload budget)", () => {
  it("defaults to 500 MB a day, in bytes", () => {
    expect(parseEnv({}).uploadDailyLimitBytes).toBe(500 * 1024 * 1024);
  });
  it("takes a whole number of megabytes", () => {
    expect(parseEnv({ UPLOAD_DAILY_LIMIT_MB: "80" }).uploadDailyLimitBytes).toBe(80 * 1024 * 1024);
  });
  it.each(["0", "-5", "1.5", "lots"])("refuses %s with a readable message", (value) => {
    expect(() => parseEnv({ UPLOAD_DAILY_LIMIT_MB: value })).toThrow(ConfigError);
    expect(() => parseEnv({ UPLOAD_DAILY_LIMIT_MB: value })).toThrow(/UPLOAD_DAILY_LIMIT_MB: must be/);
  });
});
