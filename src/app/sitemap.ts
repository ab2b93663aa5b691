import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { env } from "@/env";
import { sitemapEntries } from "@/server/archive/sitemap";

/** /sitemap.xml: the public archive for search engines (like the Datatracker's, public statements only). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  // Read at request time from the database, never at build time.
  await connection();
  const base = env().appUrl;
  return (await sitemapEntries()).map((entry) => ({
    url: `${base}${entry.path}`,
    ...(entry.lastModified ? { lastModified: entry.lastModified } : {}),
  }));
}
