/**
 * What the whole process knows about its own life: whether it is stopping, and the work to finish before it
 * exits. One registry on globalThis, because the HTTP server (scripts/serve.ts) and the modules Next.js
 * bundles (the mail worker, the database) are the same process but different module instances.
 *
 * No `import "server-only"`: scripts/serve.ts, outside Next.js's react-server condition, reads and runs it.
 */

export type ShutdownHook = { name: string; run: () => Promise<void> | void };

const holder = globalThis as unknown as {
  __liaisonProcess?: { stopping: boolean; hooks: ShutdownHook[]; startedAt: number };
};

function state() {
  holder.__liaisonProcess ??= { stopping: false, hooks: [], startedAt: Date.now() };
  return holder.__liaisonProcess;
}

/** Work to finish before the process exits (e.g. the mail worker's current send, closing the database). */
export function onShutdown(name: string, run: ShutdownHook["run"]): void {
  const hooks = state().hooks;
  const existing = hooks.findIndex((hook) => hook.name === name);
  if (existing >= 0) hooks.splice(existing, 1);
  hooks.push({ name, run });
}

export function shutdownHooks(): readonly ShutdownHook[] {
  return state().hooks;
}

export function markStopping(): void {
  state().stopping = true;
}

export function isStopping(): boolean {
  return state().stopping;
}

/** When this process started (for /healthz's uptime). */
export function processStartedAt(): number {
  return state().startedAt;
}
