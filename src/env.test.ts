import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

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
    expect(() => parseEnv({ ...OIDC, OIDC_ISSUER: "datatracker" })).toThrow(/OIDC_ISSUER: must be the provider's issuer URL/);
  });
});
