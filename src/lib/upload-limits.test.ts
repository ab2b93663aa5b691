import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_FORM_REQUEST_BYTES } from "./upload-limits";

describe("upload limits", () => {
  it("next.config.mjs gives Next.js's server actions and proxy the same total limit as the app's checks", () => {
    const config = readFileSync(path.resolve(import.meta.dirname, "../../next.config.mjs"), "utf8");
    const limit = `"${MAX_FORM_REQUEST_BYTES / 1024 / 1024}mb"`;
    expect(config).toContain(`bodySizeLimit: ${limit}`);
    expect(config).toContain(`proxyClientMaxBodySize: ${limit}`);
  });
});
