"use client";
import type { ReactNode } from "react";
import { Dialog } from "./dialog";
import { Kbd } from "./kbd";

export type KeyHelp = { keys: string[]; what: string };

/** The `?` cheatsheet of a keyboard-first screen: keys and what they do. */
export function KeyHelpDialog({
  open,
  onClose,
  help,
  footer,
}: {
  open: boolean;
  onClose: () => void;
  help: readonly KeyHelp[];
  footer?: ReactNode;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <table className="w-full text-sm">
        <tbody>
          {help.map((k) => (
            <tr key={k.what} className="border-b border-slate-100 last:border-0">
              <td className="py-1 pr-4 whitespace-nowrap">
                {k.keys.map((x, i) => (
                  <span key={x}>
                    {i > 0 && " "}
                    <Kbd>{x}</Kbd>
                  </span>
                ))}
              </td>
              <td className="py-1 text-slate-700">{k.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer && <p className="mt-3 text-xs text-slate-500">{footer}</p>}
    </Dialog>
  );
}
