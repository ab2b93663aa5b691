"use client";

import { usePathname } from "next/navigation";
import { type PageStatus, statusPageContent } from "@/lib/status-pages";
import { StatusMessage } from "./status-message";

/**
 * The error message for the address the browser shows: what not-found.tsx, forbidden.tsx and error.tsx render
 * when Next.js shows them in the browser (the server-rendered pages come from src/app/error-page).
 */
export function StatusForCurrentPath({
  status,
  signedIn,
  children,
}: {
  status: PageStatus;
  signedIn: boolean;
  children?: React.ReactNode;
}) {
  const path = usePathname() ?? "/";
  return <StatusMessage content={statusPageContent({ status, path, signedIn })}>{children}</StatusMessage>;
}
