import "./globals.css";
import "katex/dist/katex.min.css";
import Link from "next/link";
import { Providers } from "./providers";
import { currentActor } from "@/lib/auth/actor";
import { WhoAmI } from "@/components/layout/who-am-i";

export const metadata = { title: "InT Studio", description: "Curate Intervention Training data" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>
          <header className="sticky top-0 z-20 flex h-11 items-center gap-6 border-b border-slate-200 bg-white/95 px-6 backdrop-blur">
            <Link href="/" className="font-semibold tracking-tight text-slate-900">
              InT <span className="text-indigo-600">Studio</span>
            </Link>
            <nav className="flex gap-1 text-sm text-slate-600">
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100 hover:text-slate-900" href="/">
                Datasets
              </Link>
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100 hover:text-slate-900" href="/import">
                Import
              </Link>
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100 hover:text-slate-900" href="/jobs">
                Jobs
              </Link>
              <Link className="rounded-md px-2 py-1 hover:bg-slate-100 hover:text-slate-900" href="/settings">
                Model
              </Link>
            </nav>
            <div className="ml-auto">
              <WhoAmI actor={actor} />
            </div>
          </header>
          <main className="px-6 py-4">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
