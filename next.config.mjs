// Plain JavaScript, not next.config.ts: the production server would load Next.js's native SWC compiler (~20 MB
// resident) only to read a TypeScript config (issue 19, ADR 035).
/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite ships a WASM Postgres and loads its files at run time: it must not be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project itself (next typegen, then tsc --noEmit, beside the unit tests) before
  // it builds, and sets LIAISON_BUILD_TYPECHECKED=1 so that the build does not run the same check again (~25 s of
  // CPU). Every other build (npm start, npm run build) type-checks as usual. ADR 041.
  typescript: { ignoreBuildErrors: process.env.LIAISON_BUILD_TYPECHECKED === "1" },
  reactStrictMode: true,
  typedRoutes: false,
  // forbidden() answers 403 for administration pages and actions.
  experimental: {
    authInterrupts: true,
    // Statements carry several attachments of up to 25 MB each.
    serverActions: { bodySizeLimit: "110mb" },
    // The proxy (security headers) sees every page request; it must pass large uploads through whole.
    proxyClientMaxBodySize: "110mb",
    // Next.js 16.4 writes Turbopack's build cache into .next by default (≈ 10–14 s of one core at the end of a build).
    // It pays off when the same checkout builds again after a change (a rebuild 25 -> 19 s); CI builds a fresh clone
    // once, where nothing ever reads it. docs/testing.md ("Eighth session").
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
};

export default nextConfig;
