import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">403 — Not allowed</h1>
      <p>Your account does not have a role that allows this. If you think it should, ask the IETF Secretariat.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </div>
  );
}
