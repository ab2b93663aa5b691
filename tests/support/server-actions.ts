/**
 * Calling the app's server actions (src/actions/*.ts) and route handlers from a Vitest integration test as
 * Next would: the request's cookies and headers, next-auth's session lookup, Next's cache revalidation and
 * `after()` (held until the test says the response is out) are the only stand-ins. Everything from the session cookie on is the app's own code: `startSession` mints
 * the real signed session token, `readSession` → `currentActor` → `loadActor` reads the person and roles
 * from the database on every call, the wrapper validates and runs the use-case.
 *
 * A test file wires it up with (vi.mock is hoisted; the factories load this module lazily):
 *
 *   vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
 *   vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
 *   vi.mock("next-auth", async (original) => ({
 *     ...(await original<typeof import("next-auth")>()),
 *     ...(await import("../support/server-actions")).nextAuthMock,
 *   }));
 */
import type { NextAuthOptions, Session } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";

// forbidden() refuses to run unless next.config.mjs's experimental.authInterrupts is on (it is); Next passes
// that to the server as this variable.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
// A fixed secret, so the tests never write DATA_DIR/auth-secret.
process.env.AUTH_SECRET ??= "server-action-tests-secret-0123456789abcdef";
// The stand-in request reaches the app through one reverse proxy, which writes the client's address into
// X-Forwarded-For (there is no socket here): the app believes that one entry (src/server/http/client-address.ts).
process.env.TRUST_PROXY ??= "1";

interface CookieValue {
  name: string;
  value: string;
}

/** The "browser" of the request being handled: its cookies and its client address. */
const jar = new Map<string, CookieValue>();
let clientAddress: string | null = null;

const cookieStore = {
  get: (name: string) => jar.get(name),
  getAll: () => [...jar.values()],
  has: (name: string) => jar.has(name),
  set(name: string, value: string, options?: { maxAge?: number }) {
    if (options?.maxAge === 0 || value === "") jar.delete(name);
    else jar.set(name, { name, value });
    return cookieStore;
  },
  delete(name: string) {
    jar.delete(name);
    return cookieStore;
  },
};

export const nextHeadersMock = {
  cookies: async () => cookieStore,
  headers: async () => new Headers(clientAddress ? { "x-forwarded-for": clientAddress } : {}),
};

/**
 * `after()` (next/server) runs work once the response has been sent. Here it is held until the test says the
 * response is out (`finishAfterResponseWork`), so a test can tell what an action did before answering from
 * what it did after. Wire it with
 *   vi.mock("next/server", async (original) => ({ ...(await original<object>()), ...(await import("../support/server-actions")).nextServerMock }));
 */
const afterResponse: (() => unknown)[] = [];
export const nextServerMock = {
  after(task: (() => unknown) | Promise<unknown>) {
    afterResponse.push(typeof task === "function" ? task : () => task);
  },
};

/** Runs what the last actions deferred with after(), as Next does once their responses are sent. */
export async function finishAfterResponseWork(): Promise<number> {
  let ran = 0;
  while (afterResponse.length) {
    await afterResponse.shift()?.();
    ran++;
  }
  return ran;
}

/** revalidatePath needs Next's request store; nothing is cached in tests. */
export const nextCacheMock = {
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
};

/**
 * next-auth's getServerSession reads the request through Next internals; this does what its session route
 * does with the app's options: decode the session cookie, then run the jwt and session callbacks.
 */
export const nextAuthMock = {
  async getServerSession(options: NextAuthOptions): Promise<Session | null> {
    const name = options.cookies?.sessionToken?.name ?? "next-auth.session-token";
    const token = jar.get(name)?.value;
    if (!token || !options.secret) return null;
    const decoded = await decode({ token, secret: options.secret }).catch(() => null);
    if (!decoded) return null;
    const jwt = (await options.callbacks?.jwt?.({ token: decoded } as Parameters<
      NonNullable<NonNullable<NextAuthOptions["callbacks"]>["jwt"]>
    >[0])) as JWT;
    const session: Session = { user: { name: decoded.name, email: decoded.email }, expires: "" };
    return (await options.callbacks?.session?.({ session, token: jwt } as never)) ?? session;
  },
};

/** The session cookies the browser holds now (to put back later: "the same old session"). */
export function currentCookies(): CookieValue[] {
  return [...jar.values()];
}

export function setCookies(cookies: readonly CookieValue[]): void {
  jar.clear();
  for (const c of cookies) jar.set(c.name, { ...c });
}

export function signOutBrowser(): void {
  jar.clear();
}

export function setClientAddress(address: string | null): void {
  clientAddress = address;
}

/** Signs the browser in as this person: the app's own startSession mints and sets the session cookie. */
export async function browserSignedInAs(personId: number, sessionVersion: number): Promise<CookieValue[]> {
  const { startSession } = await import("@/server/auth/session");
  jar.clear();
  await startSession(personId, sessionVersion);
  return currentCookies();
}

export type ActionOutcome =
  | { kind: "success"; detail: string }
  | { kind: "refused"; code: string; detail: string }
  | { kind: "error"; code: string; detail: string };

/** Codes by which the app refuses a caller (as opposed to refusing the input or the state). */
export const REFUSAL_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);

interface FormStateLike {
  status: string;
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  redirectTo?: string;
}

function fromState(state: FormStateLike): ActionOutcome {
  if (state.status === "success") return { kind: "success", detail: state.redirectTo ?? state.message ?? "success" };
  const code = state.code ?? "?";
  const detail = [state.message, ...Object.entries(state.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v}`)].join(" | ");
  return REFUSAL_CODES.has(code) ? { kind: "refused", code, detail } : { kind: "error", code, detail };
}

/**
 * Runs a server action and says how it ended, as the browser would see it: a redirect to the next page or
 * a success state = success; forbidden()/notFound() (403/404) or an UNAUTHENTICATED/FORBIDDEN/NOT_FOUND
 * state = refused; anything else (a validation or state error, an unexpected throw) = error.
 */
export async function runAction(
  action: (previous: never, formData: FormData) => Promise<unknown>,
  formData: FormData,
): Promise<ActionOutcome> {
  try {
    const state = (await action({ status: "idle" } as never, formData)) as FormStateLike;
    return fromState(state);
  } catch (error) {
    const digest = (error as { digest?: unknown })?.digest;
    if (typeof digest === "string") {
      if (digest.startsWith("NEXT_REDIRECT;")) {
        const target = digest.split(";")[2] ?? "";
        return target.startsWith("/sign-in")
          ? { kind: "refused", code: "UNAUTHENTICATED", detail: `redirect ${target}` }
          : { kind: "success", detail: `redirect ${target}` };
      }
      if (digest === "NEXT_HTTP_ERROR_FALLBACK;403")
        return { kind: "refused", code: "FORBIDDEN", detail: "forbidden()" };
      if (digest === "NEXT_HTTP_ERROR_FALLBACK;404")
        return { kind: "refused", code: "NOT_FOUND", detail: "notFound()" };
      if (digest === "NEXT_HTTP_ERROR_FALLBACK;401") {
        return { kind: "refused", code: "UNAUTHENTICATED", detail: "unauthorized()" };
      }
    }
    return { kind: "error", code: "THROWN", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** The same for a route handler answering JSON FormState (the statement form's upload endpoint). */
export async function runRoute(
  handler: (request: Request) => Promise<Response>,
  request: Request,
): Promise<ActionOutcome> {
  try {
    const response = await handler(request);
    const state = (await response.json()) as FormStateLike;
    const outcome = fromState(state);
    return { ...outcome, detail: `${response.status} ${outcome.detail}` } as ActionOutcome;
  } catch (error) {
    return { kind: "error", code: "THROWN", detail: error instanceof Error ? error.message : String(error) };
  }
}

/** FormData from a plain object: arrays become repeated keys, files stay files. */
export function form(
  fields: Record<string, string | number | File | readonly (string | number | File)[] | undefined>,
): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v instanceof File ? v : String(v));
  }
  return data;
}
