#!/bin/sh
# `npm start` (package.json): the server, as one process (scripts/start.mjs, ADR 035), with the C library's memory
# setting for its database:
#  - the embedded database (no DATABASE_URL): MALLOC_MMAP_THRESHOLD_=65536 — allocations of 64 KB and more get their
#    own mappings, returned when freed, which keeps the idle server within issue 19's 350 MB (ADR 035);
#  - PostgreSQL (DATABASE_URL set): the C library's default — there the same setting made every large buffer of an
#    upload a fresh mapping and doubled its CPU (25 MB: 68–80 → 143–145 ms of the main thread, 0.8 → 1.9 s over all
#    threads; docs/performance.md, "Tenth session"). Set DATABASE_URL in the environment, not only in a .env file,
#    for this choice to see it.
# Options given to this script go to node (the benches pass --cpu-prof this way). glibc reads the variable when the
# process starts: it cannot be set from inside Node.
# The Node.js is the one package.json pins (ADR 048: Node 24 LTS, installed by npm as node-linux-<arch>), also when
# this script is started without npm (a service manager, a container's entry point); the system's `node` only on
# platforms npm has no such package for.
# --max-semi-space-size=16 keeps V8's young generation at Node 20's 32 MB: Node 24's grows to 128 MB per isolate,
# which made the peaks during uploads larger and no page faster (ADR 048). It holds for the server's worker threads
# too (V8's flags are the process's).
node="$(dirname "$0")/../node_modules/.bin/node"
[ -x "$node" ] || node=node
if [ -n "${DATABASE_URL:-}" ]; then
  exec "$node" --max-semi-space-size=16 "$@" scripts/start.mjs
fi
exec env MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-65536}" "$node" --max-semi-space-size=16 "$@" scripts/start.mjs
