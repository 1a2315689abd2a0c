"use client";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { useReview } from "./review-context";
import { KEY_HELP } from "./use-review-keys";

export function Cheatsheet() {
  const { cheatsheet, setCheatsheet } = useReview();
  return (
    <Dialog open={cheatsheet} onClose={() => setCheatsheet(false)} title="Keyboard shortcuts">
      <table className="w-full text-sm">
        <tbody>
          {KEY_HELP.map((k) => (
            <tr key={k.what} className="border-b border-slate-100 last:border-0">
              <td className="py-1 pr-4 whitespace-nowrap">{k.keys.map((x, i) => <span key={x}>{i > 0 && " "}<Kbd>{x}</Kbd></span>)}</td>
              <td className="py-1 text-slate-700">{k.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-500">Keys do nothing while you type in a field. Click a step to select it; click its gutter button to mark it.</p>
    </Dialog>
  );
}
