import NextAuth from "next-auth";
import { env } from "@/env";
import { currentActor } from "@/server/auth/actor";
import { authOptions, sessionCookieSettings } from "@/server/auth/session";

// Options are built per request: the secret comes from the environment or the data directory at run time.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const [action] = (await context.params).nextauth;
  // next-auth answers /api/auth/session from the token alone; a token whose server session has ended (signed
  // out, signed out everywhere, past its 12 h, sign-in turned off) must read as signed out here too.
  if (request.method === "GET" && action === "session" && !(await currentActor())) {
    const { name, options } = sessionCookieSettings(env().appUrl);
    const headers = new Headers({ "Cache-Control": "private, no-cache, no-store" });
    if (request.headers.get("cookie")?.includes(name)) {
      headers.set(
        "Set-Cookie",
        `${name}=; Path=${options.path}; Max-Age=0; HttpOnly; SameSite=Lax${options.secure ? "; Secure" : ""}`,
      );
    }
    return Response.json({}, { headers });
  }
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
