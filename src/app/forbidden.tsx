import type { Metadata } from "next";
import { StatusForCurrentPath } from "@/components/status-for-current-path";
import { currentActor } from "@/server/auth/actor";

export const metadata: Metadata = { title: "Not allowed" };

export default async function Forbidden() {
  return <StatusForCurrentPath status={403} signedIn={(await currentActor()) !== null} />;
}
