// A URL fit for a log line: a Redis URL carries its password (redis://:secret@host:6379).

/** The URL without its user name and password. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString();
}
