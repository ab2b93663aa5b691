/**
 * Drives the running app over plain HTTP, the way a browser does but without one: sign in through
 * next-auth's credentials endpoint, read group ids off the statement form, post the statement form to the
 * upload endpoint (POST /statements/save, JSON answer), call a server action by its id (POST with a
 * `Next-Action` header, as React does). Used by e2e/crash-safety.spec.ts and scripts/load (npm run bench:workflow).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface HttpSession {
  baseUrl: string;
  /** the Cookie header to send */
  cookie: string;
}

/** name=value pairs of the Set-Cookie headers of a response, merged into `jar`. */
function collectCookies(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair?.indexOf("=") ?? -1;
    if (pair && at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in with e-mail and password (next-auth credentials endpoint); throws when no session cookie comes back. */
export async function signInOverHttp(baseUrl: string, email: string, password = "liaison-demo"): Promise<HttpSession> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  collectCookies(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  await response.arrayBuffer();
  collectCookies(response, jar);
  const session = [...jar.keys()].find((name) => name.endsWith("liaison.session"));
  if (!session) throw new Error(`Signing in as ${email} gave no session cookie (HTTP ${response.status})`);
  return { baseUrl, cookie: `${session}=${jar.get(session)}` };
}

/** acronym → group id of the From and To choices of the outgoing (or incoming) statement form. */
export async function formGroupIds(
  session: HttpSession,
  direction: "outgoing" | "incoming" = "outgoing",
): Promise<{ from: Map<string, number>; to: Map<string, number> }> {
  const response = await fetch(`${session.baseUrl}/statements/new?direction=${direction}`, {
    headers: { cookie: session.cookie },
  });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET /statements/new answered ${response.status}`);
  const pick = (side: "from" | "to") => {
    const ids = new Map<string, number>();
    const pattern = new RegExp(`name="${side}" value="(\\d+)"/><span>[^<]*<!-- --> <span[^>]*>([^<]+)</span>`, "g");
    for (const match of html.matchAll(pattern)) ids.set(match[2]!, Number(match[1]));
    return ids;
  };
  return { from: pick("from"), to: pick("to") };
}

export interface UploadFile {
  name: string;
  content: Uint8Array;
  title?: string;
}

export interface SaveAnswer {
  httpStatus: number;
  status: "success" | "error" | string;
  code?: string;
  message?: string;
  redirectTo?: string;
  /** the statement id, from redirectTo on success */
  id?: number;
}

/** The form fields of the QUIC chair submitting a "For information" statement from QUIC to ITU-T SG15. */
export function quicToSg15Submission(
  groups: { quic: number | undefined; sg15: number | undefined },
  title: string,
  body: string,
): Record<string, string> {
  if (groups.quic === undefined || groups.sg15 === undefined)
    throw new Error("The QUIC chair's form does not offer quic → itu-t-sg15");
  return {
    direction: "outgoing",
    intent: "submit",
    from: String(groups.quic),
    to: String(groups.sg15),
    fromContact: "chair@example.org",
    toContact: "tsb-sg15@itu.int",
    title,
    purpose: "information",
    body,
  };
}

/** Posts the statement form to the upload endpoint, as the form's XMLHttpRequest does. */
export async function saveStatementOverHttp(
  session: HttpSession,
  fields: Record<string, string | string[]>,
  files: UploadFile[] = [],
  init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<SaveAnswer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  for (const file of files) {
    body.append("attachments", new Blob([file.content as Uint8Array<ArrayBuffer>]), file.name);
    body.append("attachmentTitles", file.title ?? file.name);
  }
  const response = await fetch(`${session.baseUrl}/statements/save`, {
    method: "POST",
    headers: { ...init.headers, cookie: session.cookie, origin: session.baseUrl },
    body,
    signal: init.signal,
  });
  const text = await response.text();
  let state: Partial<SaveAnswer> = {};
  try {
    state = JSON.parse(text) as Partial<SaveAnswer>;
  } catch {
    state = { status: "error", code: "NOT_JSON", message: text.slice(0, 300) };
  }
  const id = /^\/statements\/(\d+)$/.exec(state.redirectTo ?? "")?.[1];
  return { httpStatus: response.status, status: state.status ?? "error", ...state, id: id ? Number(id) : undefined };
}

/** The id Next gave a server action in this build (.next/server/server-reference-manifest.json). */
export function serverActionId(root: string, file: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} of ${file} in this build`);
  return found[0];
}

export interface ActionAnswer {
  httpStatus: number;
  /** where a successful action navigates (x-action-redirect), if it does */
  redirect: string | null;
  /** the FormState the action returned, when it returned one instead of redirecting */
  state: { status?: string; code?: string; message?: string } | null;
}

/**
 * Calls a `formAction` server action (useActionState(action)(formData)) on `pagePath`: what React sends is
 * the form's fields as reference 1 (prefixed `_1_`) and the arguments [previous state, the form] as part "0".
 */
export async function callFormAction(
  session: HttpSession,
  pagePath: string,
  actionId: string,
  fields: Record<string, string>,
  extraHeaders: Record<string, string> = {},
): Promise<ActionAnswer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append("0", '[{"status":"idle"},"$K1"]');
  const response = await fetch(`${session.baseUrl}${pagePath}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...extraHeaders,
      cookie: session.cookie,
      origin: session.baseUrl,
      "Next-Action": actionId,
      Accept: "text/x-component",
    },
    body,
  });
  const text = await response.text();
  const redirect = response.headers.get("x-action-redirect")?.split(";")[0] ?? null;
  // The returned value is the row `1:{...}` of the RSC answer.
  const row = /^1:(\{.*\})$/m.exec(text)?.[1];
  let state: ActionAnswer["state"] = null;
  if (row) {
    try {
      state = JSON.parse(row) as ActionAnswer["state"];
    } catch {
      state = null;
    }
  }
  return { httpStatus: response.status, redirect, state };
}
