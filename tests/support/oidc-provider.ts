/**
 * A real OpenID Connect provider for the tests (the `oidc-provider` package), configured like the IETF
 * Datatracker's (DATATRACKER.md §5): scopes openid/profile/email/roles, claims only from userinfo (the ID
 * token carries none), `roles` as `[role slug, group acronym]` pairs, client_secret_basic/post clients
 * registered out of band. Logging in is scripted: `provider.nextLogin` says which account the "user" signs
 * in as, or that they refuse (access_denied); consent is given by the user's standing grant.
 * Also a tiny cookie-keeping "browser" that follows the provider's redirects until it comes back to the app.
 */
import http from "node:http";
import type net from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  name?: string;
  roles: [string, string][];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** what the user does on the provider's login page: sign in as this account id, or refuse */
  nextLogin: { accountId: string } | "deny";
  /** every request the provider served (path only), to show a refused answer never reached the token endpoint */
  requests: string[];
  close(): Promise<void>;
}

export async function startTestProvider(port: number, redirectUri: string): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, TestAccount>();
  const state: TestProvider = {
    issuer,
    clientId: "liaison-tracker",
    clientSecret: "test-client-secret-0123456789",
    accounts,
    nextLogin: "deny",
    requests: [],
    close: async () => undefined,
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    scopes: ["openid", "profile", "email", "roles"],
    claims: { openid: ["sub"], profile: ["name"], email: ["email"], roles: ["roles"] },
    // Like django-oidc-provider: the ID token carries no user claims, userinfo does.
    conformIdTokenClaims: true,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["test-cookie-key-0123456789"] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          // Empty claims are dropped, as the Datatracker does.
          return Object.fromEntries(
            Object.entries({ sub: id, email: account.email, name: account.name, roles: account.roles }).filter(
              ([, v]) => v !== undefined,
            ),
          ) as { sub: string };
        },
      };
    },
    // The user's standing consent: every requested scope, so no consent page (the Datatracker remembers it too).
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: client.clientId });
      grant.addOIDCScope("openid profile email roles");
      await grant.save();
      return grant;
    },
  });
  const callback = provider.callback();
  const server = http.createServer(async (req, res) => {
    state.requests.push((req.url ?? "").split("?")[0] ?? "");
    // Test-only remote control (end-to-end specs run in other processes than the provider):
    // POST {"accounts": {id: account}, "nextLogin": {"accountId": id} | "deny"}.
    if (req.method === "POST" && req.url === "/test-control") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const command = JSON.parse(body) as {
        accounts?: Record<string, TestAccount>;
        nextLogin?: TestProvider["nextLogin"];
      };
      for (const [id, account] of Object.entries(command.accounts ?? {})) accounts.set(id, account);
      if (command.nextLogin) state.nextLogin = command.nextLogin;
      res.writeHead(204).end();
      return;
    }
    if (req.url?.startsWith("/interaction/")) {
      try {
        await provider.interactionDetails(req, res);
        const result =
          state.nextLogin === "deny"
            ? { error: "access_denied", error_description: "End-User aborted interaction" }
            : { login: { accountId: state.nextLogin.accountId } };
        await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      } catch (error) {
        res.statusCode = 500;
        res.end(String(error));
      }
      return;
    }
    callback(req, res);
  });
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return state;
}

/**
 * The user's browser at the provider: follows redirects from `url` with the provider's cookies until the
 * provider sends it to `backTo` (the app's callback), and returns that URL.
 */
export async function followProvider(url: string, backTo: string, jar = new Map<string, string>()): Promise<string> {
  let next = url;
  for (let hop = 0; hop < 20; hop++) {
    if (next.startsWith(backTo)) return next;
    const response = await fetch(next, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider stopped at ${next}: ${response.status} ${await response.text()}`);
    next = new URL(location, next).toString();
  }
  throw new Error("too many redirects at the provider");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
