import Link from "next/link";

export default function NotFound() {
  return (
    <p className="text-sm">
      This job does not exist (it may have been deleted with its dataset).{" "}
      <Link href="/jobs" className="text-indigo-700 hover:underline">
        All jobs
      </Link>
    </p>
  );
}
