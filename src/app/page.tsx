import { connection } from "next/server";
import { Dashboard } from "@/components/home/dashboard";
import { PublicHome } from "@/components/home/PublicHome";
import { latestStatements } from "@/server/archive/latest";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { isApprover } from "@/server/authz/policy";
import { dashboardFor } from "@/server/my-work/dashboard";

/**
 * Signed in: the dashboard (issue 15 §2). Signed out (and the script-free public page layer, ADR 008): the public
 * home page — what the tool is, a search box, the latest statements, the directory and feeds.
 */
export default async function HomePage() {
  await connection();
  const actor = await currentActor();
  if (actor) {
    const data = await dashboardFor(actor, await loadGroupIndex());
    return <Dashboard name={actor.name} data={data} mayApprove={isApprover(actor)} />;
  }
  return <PublicHome latest={await latestStatements()} />;
}
