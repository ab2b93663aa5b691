/**
 * Issue 13, items 1, 5 and 7 (HTTP): the attacks of the outside review, replayed over real HTTP against the
 * production server as `npm start` runs it (scripts/serve.ts: request guard → public page layer → Next.js).
 */
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { serverActionId, signInOverHttp } from "./support/app-http";

const ROOT = path.resolve(import.meta.dirname, "..");
const base = () => process.env.E2E_BASE_URL ?? "http://localhost:3100";

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function get(pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base()}${pathname}`, { headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The session token of a real sign-in (the value of the app's own session cookie). */
async function sessionToken(email: string): Promise<string> {
  const session = await signInOverHttp(base(), email);
  return session.cookie.slice(session.cookie.indexOf("=") + 1);
}

/** Raw HTTP/1.1 over a socket: what a non-browser client sends, byte for byte. Resolves with what came back. */
function rawRequest(
  head: string,
  send: (socket: net.Socket) => Promise<void> | void,
  timeoutMs = 30_000,
): Promise<{ response: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(base());
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
    let response = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no end of connection within ${timeoutMs} ms; got: ${response.slice(0, 200)}`));
    }, timeoutMs);
    socket.on("data", (chunk) => {
      response += chunk.toString("latin1");
    });
    socket.on("error", () => {}); // a reset after the answer is expected when we were still sending
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ response, closedAfterMs: Date.now() - started });
    });
    socket.on("connect", async () => {
      socket.write(head);
      try {
        await send(socket);
      } catch {
        // the server closed the connection while we were sending: the answer tells why
      }
    });
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

test.describe("item 1: a signed-in page never becomes the anonymous page", () => {
  // Names next-auth reads as the session cookie (it takes every name that starts with it), and others.
  const VARIANTS = [
    "liaison.session.x",
    "liaison.sessionZ",
    "liaison.session.0",
    "liaison.session-",
    "__Secure-liaison.session",
    "Liaison.Session",
    "session",
  ];

  test("whatever the cookie is called, what anonymous visitors get is byte-identical to a render without cookies", async () => {
    const token = await sessionToken("secretariat@example.org");
    // Statement 37 is a draft (anonymous: 404); the home page shows "Sign out" to a signed-in visitor.
    for (const page of ["/statements/37", "/"]) {
      const reference = await get(`${page}?ref=reference`);
      expect(reference.body).not.toContain("Sign out");
      for (const [i, name] of VARIANTS.entries()) {
        const url = `${page}?ref=v${i}`;
        // The attacker (the Secretariat's own session, under another cookie name) asks first …
        const attack = await get(url, { cookie: `theme=dark; ${name}=${token}`, authorization: `Bearer ${token}` });
        if (name.startsWith("liaison.session")) {
          // … and, signed in as next-auth reads it, gets the full app, not the anonymous page.
          expect(attack.body, `${name} on ${url}`).toContain("Sign out");
          expect(attack.headers.get("x-page-cache"), name).toBeNull();
        }
        // … then anonymous visitors of the same URL, first and from memory, get the anonymous render.
        for (let visit = 0; visit < 2; visit++) {
          const visitor = await get(url);
          expect(visitor.status, `${name} on ${url}`).toBe(reference.status);
          // The URL also appears encoded (the 404 page's sign-in link returns there).
          const normalized = visitor.body
            .replaceAll(`ref=v${i}`, "ref=reference")
            .replaceAll(`ref%3Dv${i}`, "ref%3Dreference");
          expect(normalized, `${name} on ${url}`).toBe(reference.body);
          expect(visitor.body).not.toContain("Sign out");
        }
      }
    }
  });
});

test.describe("item 5: over-size action bodies are refused before they are read", () => {
  const MB = 1024 * 1024;

  async function postAction(
    body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>>,
    headers: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const actionId = serverActionId(ROOT, "src/actions/auth.ts", "signInWithPassword");
    // (duplex: Node's fetch needs it for a streamed body)
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers: {
        origin: base(),
        "next-action": actionId,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        ...headers,
      },
      body,
      duplex: "half",
    };
    const response = await fetch(`${base()}/sign-in`, init).catch((error: Error) => ({
      status: -1,
      text: async () => error.message,
    }));
    return { status: response.status, text: await response.text() };
  }

  test("an anonymous 8 MB post to a server action gets 413, declared or chunked, and a made-up session cookie changes nothing", async () => {
    const big = new Uint8Array(8 * MB).fill(0x61);
    const declared = await postAction(big, {});
    expect(declared.status).toBe(413);
    expect(declared.text).toContain("Without signing in, a form may send at most 64 KB");
    const madeUp = await postAction(big, { cookie: "liaison.session=made-up-token" });
    expect(madeUp.status).toBe(413);
    let sent = 0;
    const chunked = new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull(controller) {
        if (sent >= 8 * MB) return controller.close();
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024).fill(0x62));
      },
    });
    const streamed = await postAction(chunked, {});
    expect(streamed.status).toBe(413);
  });

  test("a signed-in post of the same size reaches the action (its own limit is the statement form's)", async () => {
    const token = await sessionToken("chair@example.org");
    const answer = await postAction(new Uint8Array(8 * MB).fill(0x61), { cookie: `liaison.session=${token}` });
    expect(answer.status).not.toBe(413);
  });

  // The two slow clients below each wait out the server's 10 s timeout: whichever test comes first starts both, so
  // the waits overlap (each test still checks its own client).
  let slowClients: { body: ReturnType<typeof rawRequest>; headers: ReturnType<typeof rawRequest> } | null = null;
  const startSlowClients = () => {
    const { host } = new URL(base());
    slowClients ??= {
      body: rawRequest(
        `POST /sign-in HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${base()}\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n`,
        async (socket) => {
          for (let i = 0; i < 40 && !socket.destroyed; i++) {
            socket.write("a");
            await new Promise((resolve) => setTimeout(resolve, 1_000));
          }
        },
      ),
      headers: rawRequest(`GET / HTTP/1.1\r\nHost: ${host}\r\n`, async (socket) => {
        for (let i = 0; i < 40 && !socket.destroyed; i++) {
          socket.write(`X-Slow-${i}: 1\r\n`);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
        }
      }),
    };
    // Each is awaited by its own test; the other's failure must not go unhandled meanwhile.
    slowClients.body.catch(() => undefined);
    slowClients.headers.catch(() => undefined);
    return slowClients;
  };

  test("an anonymous body sent slowly is cut off after 10 s, not held for Node's 300 s", async () => {
    test.setTimeout(60_000);
    const { response, closedAfterMs } = await startSlowClients().body;
    expect(statusOf(response)).toBe(408);
    expect(closedAfterMs).toBeLessThan(15_000);
  });

  test("request headers sent slowly are cut off after 10 s", async () => {
    test.setTimeout(60_000);
    const { closedAfterMs } = await startSlowClients().headers;
    expect(closedAfterMs).toBeLessThan(15_000);
  });
});

test.describe("item 7: malformed input gets a 4xx, downloads keep their sandbox", () => {
  test("attachment downloads keep their own policy: default-src 'none'; sandbox", async () => {
    for (const download of ["/statements/1/attachments/1", "/statements/8/attachments/2"]) {
      const answer = await get(download);
      expect(answer.status, download).toBe(200);
      expect(answer.headers.get("content-security-policy"), download).toBe("default-src 'none'; sandbox");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("x-frame-options")).toBe("DENY");
    }
  });

  test("malformed percent-encodings on every dynamic route, and NUL characters, get 400, not 500", async () => {
    const paths = [
      "/directory/%FF",
      "/api/v1/statements/%FF",
      "/statements/%FF",
      "/statements/%FF/reply",
      "/statements/1/attachments/%FF",
      "/statements/%E0%A4%A",
      "/liaison/%FF",
      "/directory/%C0%AF",
      "/%FF",
      "/api/auth/%FF",
      // PostgreSQL refuses NUL in text: the searches failed with 500.
      "/statements?q=%00",
      "/api/v1/statements?q=%00",
      "/feeds/statements.atom?from=%00",
    ];
    for (const pathname of paths) {
      const answer = await get(pathname);
      expect(answer.status, pathname).toBe(400);
    }
  });

  test("a method the app does not serve and a multipart post without a boundary get 4xx, not 500", async () => {
    const trace = await fetch(`${base()}/`, { method: "PATCH" });
    expect(trace.status).toBe(405);
    const { host } = new URL(base());
    const { response } = await rawRequest(`TRACE / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`, () => {});
    expect(statusOf(response)).toBe(405);
    for (const type of ["multipart/form-data", "multipart/form-data; boundary="]) {
      const answer = await fetch(`${base()}/sign-in`, {
        method: "POST",
        headers: { origin: base(), "content-type": type },
        body: "x",
      });
      expect(answer.status, type).toBe(400);
    }
  });

  test("odd Origin and Host headers on posts get 4xx, not 500", async () => {
    const actionId = serverActionId(ROOT, "src/actions/auth.ts", "signInWithPassword");
    const form = () => {
      const body = new FormData();
      body.append("0", '[{"status":"idle"},"$K1"]');
      body.append("_1_email", "nobody@example.org");
      body.append("_1_password", "x");
      return body;
    };
    for (const origin of ["null", "::::", "http://evil.example", "file://", "http://[::1"]) {
      const save = await fetch(`${base()}/statements/save`, { method: "POST", headers: { origin }, body: form() });
      expect(save.status, `save, Origin: ${origin}`).toBe(403);
      const action = await fetch(`${base()}/sign-in`, {
        method: "POST",
        headers: { origin, "next-action": actionId, accept: "text/x-component" },
        body: form(),
      });
      expect(action.status, `action, Origin: ${origin}`).toBe(403);
    }
    const { host } = new URL(base());
    // At once: after its answer the server keeps each connection open for its linger time (5 s), and rawRequest
    // resolves when the connection ends.
    const oddHosts = ["[::1", "a b", "%FF", `${host}:99999`];
    const answers = await Promise.all(
      oddHosts.map((oddHost) =>
        rawRequest(
          `POST /sign-in HTTP/1.1\r\nHost: ${oddHost}\r\nOrigin: ${base()}\r\nNext-Action: ${actionId}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
          () => {},
        ),
      ),
    );
    answers.forEach(({ response }, i) => {
      const status = statusOf(response);
      expect(status >= 400 && status < 500, `Host: ${oddHosts[i]} → ${status}`).toBe(true);
    });
  });
});
