import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>There is no page at this address, or you are not allowed to see it.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </div>
  );
}
