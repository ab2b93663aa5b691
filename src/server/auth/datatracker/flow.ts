import "server-only";
import { decode, encode } from "next-auth/jwt";
import { type BaseClient, errors, generators, Issuer } from "openid-client";
import { env } from "@/env";
import { authSecret } from "../secret";
import { datatrackerClaimsSchema } from "./claims";
import { DatatrackerSignInError } from "./errors";
import { type RoleSyncResult, signInWithDatatracker } from "./sign-in";

/** Scopes the Datatracker knows (DATATRACKER.md §5): `roles` gives the `[slug, acronym]` pairs. */
export const DATATRACKER_SCOPES = "openid profile email roles";
/** How long the round trip to the provider may take before its answer is refused. */
export const PENDING_MAX_AGE_SECONDS = 10 * 60;
export const CALLBACK_PATH = "/sign-in/datatracker/callback";

/** The browser's half of one sign-in attempt, kept in an encrypted cookie until the provider answers. */
interface Pending {
  state: string;
  nonce: string;
  codeVerifier: string;
  callbackPath: string;
}

let cachedClient: { key: string; client: Promise<BaseClient> } | undefined;

/** The OpenID client for the configured provider (discovery is fetched once per process, retried after a failure). */
function client(): Promise<BaseClient> {
  const config = env().oidc;
  if (!config)
    throw new Error("Datatracker sign-in is not configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)");
  const key = `${config.issuer} ${config.clientId}`;
  if (cachedClient?.key !== key) {
    const created = Issuer.discover(config.issuer).then(
      (issuer) =>
        new issuer.Client({
          client_id: config.clientId,
          client_secret: config.clientSecret,
          redirect_uris: [redirectUri()],
          response_types: ["code"],
        }),
    );
    created.catch(() => {
      if (cachedClient?.client === created) cachedClient = undefined;
    });
    cachedClient = { key, client: created };
  }
  return cachedClient.client;
}

const redirectUri = () => `${env().appUrl}${CALLBACK_PATH}`;

const unavailable = (error: unknown) =>
  new DatatrackerSignInError("datatracker-unavailable", error instanceof Error ? error.message : String(error));

/**
 * Starts a sign-in: the provider's authorization URL (authorization code flow with PKCE S256, a fresh
 * state and nonce) and the sealed value to keep in the browser until the provider sends it back.
 */
export async function beginDatatrackerSignIn(callbackPath: string): Promise<{ url: string; pending: string }> {
  const oidc = await client().catch((e) => {
    throw unavailable(e);
  });
  const pending: Pending = {
    state: generators.state(),
    nonce: generators.nonce(),
    codeVerifier: generators.codeVerifier(),
    callbackPath,
  };
  const url = oidc.authorizationUrl({
    scope: DATATRACKER_SCOPES,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: generators.codeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
  });
  const sealed = await encode({ token: { ...pending }, secret: authSecret(), maxAge: PENDING_MAX_AGE_SECONDS });
  return { url, pending: sealed };
}

/**
 * Finishes a sign-in from the provider's redirect (`callbackUrl`, with its query) and the sealed value of
 * `beginDatatrackerSignIn`: checks state, exchanges the code with the PKCE verifier, checks the ID token
 * (signature, issuer, audience, nonce), reads the claims from userinfo and signs the person in.
 */
export async function completeDatatrackerSignIn(
  callbackUrl: string,
  sealedPending: string | undefined,
): Promise<RoleSyncResult & { callbackPath: string }> {
  const oidc = await client().catch((e) => {
    throw unavailable(e);
  });
  const params = oidc.callbackParams(callbackUrl);
  if (params.error)
    throw new DatatrackerSignInError(
      params.error === "access_denied" ? "datatracker-denied" : "datatracker-failed",
      `provider error ${params.error}${params.error_description ? `: ${params.error_description}` : ""}`,
    );
  const decoded = sealedPending ? await decode({ token: sealedPending, secret: authSecret() }).catch(() => null) : null;
  const pending = decoded as (Partial<Pending> & object) | null;
  if (!pending?.state || !pending.nonce || !pending.codeVerifier)
    throw new DatatrackerSignInError(
      "datatracker-failed",
      "no pending sign-in in this browser (expired or never started)",
    );
  let claims: unknown;
  try {
    const tokens = await oidc.callback(redirectUri(), params, {
      response_type: "code",
      state: pending.state,
      nonce: pending.nonce,
      code_verifier: pending.codeVerifier,
    });
    claims = await oidc.userinfo(tokens);
  } catch (error) {
    if (error instanceof errors.OPError || error instanceof errors.RPError)
      throw new DatatrackerSignInError("datatracker-failed", error.message);
    throw unavailable(error);
  }
  const parsed = datatrackerClaimsSchema.safeParse(claims);
  if (!parsed.success)
    throw new DatatrackerSignInError(
      "datatracker-failed",
      `userinfo claims: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const result = await signInWithDatatracker(parsed.data);
  return { ...result, callbackPath: pending.callbackPath ?? "/" };
}
