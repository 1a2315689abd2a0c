// What rendering one text (a step) and one page may cost. Per formula, KaTeX is bounded
// (tex.ts: length, expansions, tokens, sizes); nothing bounded their number: 50 `\def` bombs in
// 50 KB blocked the server 7.8 s, a 1 MB step of `$x$x$x...` made a 106 MB page. Past a limit the
// rest of the text is shown as written, with a note that says which limit (markdown-math.ts).
//
// The limits sit far above real traces: the bench's 400-step trace (1,505 formulas, 3.4 MB of
// HTML) uses about a third of the page's (the page limits bound a hostile page to a few times
// the cost of that real one) and its largest step a few percent of a step's.

export type Limits = { formulas: number; tokens: number; bytes: number };
type Used = { formulas: number; tokens: number; bytes: number };

/** One text (a step, an intervention, a reference solution). */
export const TEXT_LIMITS: Readonly<Limits> = Object.freeze({ formulas: 1_000, tokens: 10_000, bytes: 1_000_000 });
/** One page: every text rendered with the same PageBudget. */
export const PAGE_LIMITS: Readonly<Limits> = Object.freeze({ formulas: 5_000, tokens: 100_000, bytes: 8_000_000 });

const WHAT: Record<keyof Limits, (n: number) => string> = {
  formulas: (n) => `${n.toLocaleString("en-US")} formulas`,
  tokens: (n) => `${n.toLocaleString("en-US")} TeX tokens (after macro expansion)`,
  bytes: (n) => `${Math.round(n / 1_000).toLocaleString("en-US")} KB of rendered math`,
};

class Meter {
  readonly used: Used = { formulas: 0, tokens: 0, bytes: 0 };
  constructor(
    readonly limits: Readonly<Limits>,
    readonly scope: "step" | "page",
  ) {}

  /** The first limit reached, in words, or null. */
  over(): string | null {
    for (const k of ["formulas", "tokens", "bytes"] as const) {
      if (this.used[k] >= this.limits[k]) return `this ${this.scope} exceeds ${WHAT[k](this.limits[k])}`;
    }
    return null;
  }
}

/** Shared by every text of one page render (server or browser), in the order they render. */
export class PageBudget extends Meter {
  constructor(limits: Readonly<Limits> = PAGE_LIMITS) {
    super(limits, "page");
  }
}

/** One text's meter, charging its page's too. */
export class TextBudget {
  private readonly text: Meter;
  constructor(
    private readonly page: PageBudget | null,
    limits: Readonly<Limits> = TEXT_LIMITS,
  ) {
    this.text = new Meter(limits, "step");
  }

  /** Why rendering must stop (the text's or the page's limit), or null. */
  over(): string | null {
    return this.text.over() ?? this.page?.over() ?? null;
  }

  /** Formulas this text may still render. */
  formulasLeft(): number {
    const page = this.page ? this.page.limits.formulas - this.page.used.formulas : Infinity;
    return Math.max(0, Math.min(this.text.limits.formulas - this.text.used.formulas, page));
  }

  charge(formulas: number, tokens: number, bytes: number): void {
    for (const m of this.page ? [this.text, this.page] : [this.text]) {
      m.used.formulas += formulas;
      m.used.tokens += tokens;
      m.used.bytes += bytes;
    }
  }
}

export function budgetNote(reason: string): string {
  return `Math rendering stopped here: ${reason}. The rest is shown as written.`;
}
