// Helpers around node:util's parseArgs for the command-line tools: one wording for bad options and
// number checks, so each tool only lists its options.

/** Runs a parseArgs call, rewording its errors ("Unknown option '--x'") as the tools print them, `usage` after. */
export function parseOrExplain<T>(parse: () => T, usage?: string): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1] ?? '';
    const reason =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `unknown option ${option}`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `${option} needs a value`
          : (error as Error).message;
    throw new Error(usage === undefined ? reason : `${reason}\n${usage}`);
  }
}

/** The option's value as an integer of at least `min`, or `fallback` when it was not given. */
export function integerOption(flag: string, raw: string | undefined, min: number, fallback: number): number;
export function integerOption(flag: string, raw: string | undefined, min: number): number | undefined;
export function integerOption(flag: string, raw: string | undefined, min: number, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < min)
    throw new Error(`--${flag} must be an integer of at least ${min}, got "${raw}"`);
  return n;
}

/** The option's value as a number of at least `min` (fractions allowed), or `fallback`. */
export function numberOption(flag: string, raw: string | undefined, min: number, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min) throw new Error(`--${flag} must be a number of at least ${min}, got "${raw}"`);
  return n;
}
