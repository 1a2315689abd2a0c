// One deadline for a whole model request: connecting, the headers AND the body. The OpenAI SDK's
// own `timeout` is cleared as soon as the headers arrive, so a server that sends half a body and
// stalls would hold the request (and its job item) forever. The deadline's signal is passed to
// the SDK as the request's signal; the SDK ties it to the fetch, whose body read it also aborts.

export type Deadline = {
  signal: AbortSignal;
  /** true when the deadline fired (not the caller's signal): classify as a timeout, not a cancel */
  expired(): boolean;
  /** always call when the request settles: clears the timer and the listener on the parent */
  done(): void;
};

export function deadline(ms: number, parent?: AbortSignal): Deadline {
  const ac = new AbortController();
  let fired = false;
  const onParent = () => ac.abort(parent?.reason);
  if (parent?.aborted) ac.abort(parent.reason);
  else parent?.addEventListener("abort", onParent, { once: true });
  const timer = setTimeout(() => {
    fired = true;
    ac.abort(new DOMException(`no complete response within ${ms} ms`, "TimeoutError"));
  }, ms);
  return {
    signal: ac.signal,
    expired: () => fired && !parent?.aborted,
    done() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParent);
    },
  };
}
