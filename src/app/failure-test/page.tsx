import { notFound } from "next/navigation";
import { env } from "@/env";

export const dynamic = "force-dynamic";

/**
 * A real server failure for the end-to-end tests of the 500 page (e2e/status-pages.spec.ts), switched on only
 * by TEST_FAILURE_PAGE=true (the e2e server sets it). Everywhere else this address does not exist.
 */
export default function FailureTestPage(): never {
  if (!env().hasTestFailurePage) notFound();
  throw new Error("A deliberate failure for the error-page tests (TEST_FAILURE_PAGE=true).");
}
