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

const OIDC = {
  OIDC_ISSUER: "https://datatracker.ietf.org/api/openid",
  OIDC_CLIENT_ID: "liaisons",
  OIDC_CLIENT_SECRET: "s3cret",
};

describe("OIDC_* (Sign in with IETF Datatracker)", () => {
  it("is off when none is set", () => {
    expect(parseEnv({}).oidc).toBeNull();
    expect(parseEnv({ OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" }).oidc).toBeNull();
  });

  it("is on with all three", () => {
    expect(parseEnv(OIDC).oidc).toEqual({
      issuer: "https://datatracker.ietf.org/api/openid",
      clientId: "liaisons",
      clientSecret: "s3cret",
    });
  });

  it.each(Object.keys(OIDC))("names the missing ones when %s is not set", (missing) => {
    const source = { ...OIDC, [missing]: undefined };
    expect(() => parseEnv(source)).toThrow(ConfigError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`${missing}: must be set too`));
  });

  it("refuses an issuer that is not a URL", () => {
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "datatracker" })).toThrow(
      /OIDC_ISSUER: must be the provider's issuer URL/,
    );
  });
});

describe("INBOUND_* (issue 18: receiving liaison mail)", () => {
  it("is off by default, with a 50 MB message limit", () => {
    const { inbound } = parseEnv({});
    expect([inbound.smtpPort, inbound.addresses, inbound.auth, inbound.maxMessageBytes]).toEqual([
      undefined,
      [],
      null,
      50 * 1024 * 1024,
    ]);
  });
  it("takes the port, the addresses (lower-cased) and AUTH", () => {
    const { inbound } = parseEnv({
      INBOUND_SMTP_PORT: "2525",
      INBOUND_ADDRESS: "Statements@Liaison.example.org, ls@liaison.example.org",
      INBOUND_SMTP_USER: "mta",
      INBOUND_SMTP_PASSWORD: "pw",
    });
    expect([inbound.smtpPort, inbound.addresses, inbound.auth]).toEqual([
      2525,
      ["statements@liaison.example.org", "ls@liaison.example.org"],
      { user: "mta", password: "pw" },
    ]);
  });
  it("names what is missing or wrong", () => {
    expect(() => parseEnv({ INBOUND_SMTP_PORT: "2525" })).toThrow(/INBOUND_ADDRESS: must be set too/);
    expect(() => parseEnv({ INBOUND_SMTP_PORT: "2525", INBOUND_ADDRESS: "not an address" })).toThrow(
      /INBOUND_ADDRESS: must be one or more e-mail addresses/,
    );
    expect(() => parseEnv({ INBOUND_SMTP_USER: "mta" })).toThrow(/INBOUND_SMTP_PASSWORD: must be set too/);
    expect(() => parseEnv({ INBOUND_MAX_MESSAGE_MB: "0" })).toThrow(/INBOUND_MAX_MESSAGE_MB: must be at least 1/);
  });
});

describe("DATABASE_PREPARED_STATEMENTS (ADR 051)", () => {
  it("is on by default, off when said", () => {
    expect(parseEnv({}).preparedStatements).toBe(true);
    expect(parseEnv({ DATABASE_PREPARED_STATEMENTS: "off" }).preparedStatements).toBe(false);
  });
  it("refuses anything but on or off, by name", () => {
    expect(() => parseEnv({ DATABASE_PREPARED_STATEMENTS: "false" })).toThrow(
      /DATABASE_PREPARED_STATEMENTS: must be "on" or "off"/,
    );
  });
});
