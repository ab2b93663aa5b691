import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/session";

// Options are built per request: the secret comes from the environment or the data directory at run time.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
