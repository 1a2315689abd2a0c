"use client";
import { useActionState, useState, useTransition } from "react";
import { activateTemplate, saveTemplate } from "@/lib/actions/settings";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SaveRow } from "./save-row";
import { PLACEHOLDER_HELP, TEMPLATE_PLACEHOLDERS } from "@/lib/core/prompts/render";

export type TemplateVersion = {
  id: string;
  version: number;
  hash: string;
  active: boolean;
  createdAt: string;
  turn1: string;
  turn2: string;
};

const area =
  "h-64 w-full rounded-md border border-slate-300 p-2 font-mono text-xs leading-5 focus:outline-2 focus:outline-indigo-500";

/** Editing saves a new version (old ones stay, so stored proposals keep pointing at their exact text). */
export function TemplateEditor({ versions }: { versions: TemplateVersion[] }) {
  const active = versions.find((v) => v.active) ?? versions[0];
  const [turn1, setTurn1] = useState(active?.turn1 ?? "");
  const [turn2, setTurn2] = useState(active?.turn2 ?? "");
  const [state, action, saving] = useActionState(saveTemplate, null);
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<string | null>(null);
  const fe = state && !state.ok ? state.fieldErrors : undefined;

  const load = (v: TemplateVersion) => {
    setTurn1(v.turn1);
    setTurn2(v.turn2);
  };
  const activate = (v: TemplateVersion) =>
    start(async () => {
      const r = await activateTemplate(v.id);
      setMsg(r.ok ? `Version ${r.data.version} is active.` : r.error);
    });

  return (
    <div className="grid grid-cols-[1fr_16rem] gap-4">
      <form action={action} className="space-y-2">
        <dl
          aria-label="Placeholders"
          className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 rounded-md bg-slate-50 p-2 text-xs"
        >
          {TEMPLATE_PLACEHOLDERS.map((k) => (
            <div key={k} className="contents">
              <dt className="font-mono text-slate-700">{`{{${k}}}`}</dt>
              <dd className="text-slate-600">{PLACEHOLDER_HELP[k]}</dd>
            </div>
          ))}
        </dl>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Turn 1: solve guided by the reference</span>
          <span className="ml-2 text-xs text-slate-500">{"{{problem}} {{reference_solution}} {{answer}}"}</span>
          <textarea
            name="turn1"
            className={area}
            value={turn1}
            onChange={(e) => setTurn1(e.target.value)}
            spellCheck={false}
          />
          {fe?.turn1 && <span className="text-xs text-rose-700">{fe.turn1.join(" ")}</span>}
        </label>
        <label className="block text-sm">
          <span className="font-medium text-slate-700">Turn 2: verify, report the first critical error, intervene</span>
          <span className="ml-2 text-xs text-slate-500">
            {"{{attempt}} (steps as **Substep i:**), {{answer}}, {{problem}}, {{reference_solution}}"}
          </span>
          <textarea
            name="turn2"
            className={area}
            value={turn2}
            onChange={(e) => setTurn2(e.target.value)}
            spellCheck={false}
          />
          {fe?.turn2 && <span className="text-xs text-rose-700">{fe.turn2.join(" ")}</span>}
        </label>
        <SaveRow
          saving={saving}
          state={state}
          label="Save as new version"
          saved={(d) => (d.created ? `Saved as version ${d.version}.` : "No change: identical to the active version.")}
        />
      </form>
      <aside aria-label="Template versions" className="space-y-1">
        <h3 className="text-sm font-medium text-slate-700">Versions</h3>
        {msg && (
          <p role="status" className="text-xs text-slate-600">
            {msg}
          </p>
        )}
        <ul className="space-y-1">
          {versions.map((v) => (
            <li key={v.id} className="rounded-md border border-slate-200 bg-white p-2 text-xs">
              <div className="flex items-center gap-2">
                <span className="font-medium">v{v.version}</span>
                {v.active && <Badge tone="green">active</Badge>}
                <span className="font-mono text-slate-500" title={v.hash}>
                  {v.hash.slice(0, 10)}
                </span>
              </div>
              <div className="text-slate-500">{new Date(v.createdAt).toLocaleString()}</div>
              <div className="mt-1 flex gap-1">
                <Button size="xs" variant="ghost" onClick={() => load(v)}>
                  Load
                </Button>
                {!v.active && (
                  <Button size="xs" variant="ghost" disabled={pending} onClick={() => activate(v)}>
                    Make active
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
