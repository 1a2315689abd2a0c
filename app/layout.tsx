import "./globals.css";
import "katex/dist/katex.min.css";
import Link from "next/link";
import { Providers } from "./providers";

export const metadata = { title: "InT Studio", description: "Curate Intervention Training data" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>
          <header className="flex items-center gap-6 border-b border-slate-200 bg-white px-6 py-2">
            <Link href="/" className="font-semibold text-slate-800">InT Studio</Link>
            <nav className="flex gap-4 text-sm text-slate-600">
              <Link href="/">Datasets</Link>
              <Link href="/import">Import</Link>
              <Link href="/jobs">Jobs</Link>
              <Link href="/settings">Model</Link>
            </nav>
          </header>
          <main className="px-6 py-4">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
