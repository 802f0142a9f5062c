// Finding the error behind the errors libraries wrap it in: botbuilder-dialogs' DialogContextError
// keeps the original in `error`, everything else (ours, the Azure SDK's) in the standard `cause`.

/** How many wrappers deep to look; real chains are two or three long. */
const MAX_DEPTH = 5;

/** The first error of class `type` in `err`'s chain (`err` itself included), if any. */
export function findInChain<T extends Error>(err: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  let e = err;
  for (let depth = 0; typeof e === 'object' && e !== null && depth < MAX_DEPTH; depth++) {
    if (e instanceof type) return e;
    const wrapper = e as { error?: unknown; cause?: unknown };
    e = wrapper.error ?? wrapper.cause;
  }
  return undefined;
}
