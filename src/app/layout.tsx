import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { currentActor } from "@/server/auth/actor";
import { describeRoles } from "@/server/auth/describe-roles";
import { loadGroupIndex } from "@/server/authz/load";
import { navigationFor } from "@/server/authz/navigation";
import { waitingCounts } from "@/server/my-work/waiting-counts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Liaison Statements", template: "%s · Liaison Statements" },
  description: "The official record of liaison statements exchanged between the IETF/IAB and other standards bodies.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request (the header shows who is signed in): said before anything is loaded, so
  // that `next build` stops here instead of opening the database or the session while it tries to prerender.
  await connection();
  const [actor, groups] = await Promise.all([currentActor(), loadGroupIndex()]);
  const user = actor ? { name: actor.name, roles: await describeRoles(actor, groups) } : null;
  const counts = actor ? await waitingCounts(actor, groups) : null;
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader nav={navigationFor(actor, groups, counts)} user={user} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 sm:px-6">
          {children}
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}
