// Reading GET /metrics (Prometheus text format) in the protocol tests.
import { expect } from 'vitest';

/** The samples of a Prometheus text page: `name{labels}` -> value, labels as the server wrote them. */
export async function scrape(url: string): Promise<{ contentType: string | null; samples: Map<string, number> }> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const match = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) samples.set(match[1], Number(match[2]));
  }
  return { contentType: res.headers.get('content-type'), samples };
}

/** One sample's value; 0 when the page does not have it yet. */
export const sample = async (url: string, key: string) => (await scrape(url)).samples.get(key) ?? 0;
