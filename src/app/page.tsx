import { connection } from "next/server";
import { PublicHome } from "@/components/home/PublicHome";
import { latestStatements } from "@/server/archive/latest";

/** The home page. Signed-out visitors (and the script-free public page layer, ADR 008) get PublicHome. */
export default async function HomePage() {
  await connection();
  return <PublicHome latest={await latestStatements()} />;
}
