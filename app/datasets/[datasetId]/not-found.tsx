import Link from "next/link";

export default function DatasetNotFound() {
  return (
    <div className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h1 className="font-semibold">Not found</h1>
      <p className="mt-1 text-slate-600">
        This dataset or trace does not exist (it may have been deleted).{" "}
        <Link href="/" className="text-indigo-700 hover:underline">
          Back to the datasets
        </Link>
        .
      </p>
    </div>
  );
}
