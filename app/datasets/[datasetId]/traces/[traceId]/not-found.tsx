import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <p className="font-medium">This trace does not exist in this dataset.</p>
      <p className="mt-1 text-slate-600">
        It may have been deleted, or the link is wrong.{" "}
        <Link href="/" className="text-indigo-700 hover:underline">
          Back to the datasets
        </Link>
        .
      </p>
    </div>
  );
}
