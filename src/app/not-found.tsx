import type { Metadata } from "next";
import { StatusForCurrentPath } from "@/components/status-for-current-path";
import { currentActor } from "@/server/auth/actor";

export const metadata: Metadata = { title: "Not found" };

export default async function NotFound() {
  return <StatusForCurrentPath status={404} signedIn={(await currentActor()) !== null} />;
}
