import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusMessage } from "@/components/status-message";
import { pageStatus, statusPageContent } from "@/lib/status-pages";
import { currentActor } from "@/server/auth/actor";
import { findGroupByAcronym } from "@/server/directory/find-group";

interface Props {
  params: Promise<{ status: string }>;
  searchParams: Promise<{ path?: string | string[] }>;
}

/**
 * The error page as a server-rendered document: what the app's HTTP server (status-page-layer.ts) serves,
 * with the original status, instead of Next.js's empty error shell whose content only scripts render.
 * Not reachable from outside under `npm start` (the layer answers such requests with a 404 page).
 */
async function content({ params, searchParams }: Props) {
  const status = pageStatus((await params).status);
  if (!status) notFound();
  const raw = (await searchParams).path;
  const path = typeof raw === "string" && raw.startsWith("/") ? raw : "/";
  const directory = /^\/directory\/([^/?#]{1,64})\/?(?:[?#]|$)/.exec(path);
  let group = null;
  if (status === 404 && directory?.[1]) {
    try {
      group = await findGroupByAcronym(decodeURIComponent(directory[1]));
    } catch {
      // a malformed escape: no group
    }
  }
  return statusPageContent({ status, path, signedIn: (await currentActor()) !== null, group });
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: (await content(props)).title, robots: { index: false } };
}

export default async function ErrorPage(props: Props) {
  return <StatusMessage content={await content(props)} />;
}
