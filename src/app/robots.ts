import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { env } from "@/env";

/** /robots.txt: crawl the public archive and directory; the working pages behind sign-in are not for robots. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  // APP_URL is read when the app runs, not when it is built.
  await connection();
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: [
        "/account",
        "/action-needed",
        "/admin",
        "/api/auth/",
        "/approvals",
        "/desk",
        "/error-page/",
        "/forgot-password",
        "/outbox",
        "/reset-password",
        "/sign-in",
        "/statements/new",
        "/statements/*/edit",
        "/statements/*/reply",
      ],
    },
    sitemap: `${env().appUrl}/sitemap.xml`,
  };
}
