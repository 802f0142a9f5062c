// The served set: hashes of every file the server serves on its static paths (the pages, their
// assets and the Web Chat bundle, found from /chat), so a 200 with any other file is caught.
import type http from 'node:http';
import { sha1, type ServedSet } from './checks';
import { SERVED_PATHS } from './gen/static';
import { sendHttp } from './transport';

export async function servedSet(agent: http.Agent, host: string, port: number): Promise<ServedSet> {
  const set: ServedSet = new Set();
  const paths = [...SERVED_PATHS];
  for (let i = 0; i < paths.length; i++) {
    for (const encoding of ['identity', 'gzip', 'br']) {
      const reply = await sendHttp(agent, host, port, { method: 'GET', path: paths[i], headers: { 'accept-encoding': encoding } }, 30_000);
      if (reply.status !== 200) throw new Error(`the served file ${paths[i]} answered ${reply.status ?? reply.error}`);
      set.add(sha1(reply.body));
      if (paths[i] === '/chat' && encoding === 'identity') {
        const bundle = /\/webchat\/[^"'\s<>]+\.js/.exec(reply.body.toString())?.[0];
        if (bundle && !paths.includes(bundle)) paths.push(bundle);
      }
    }
  }
  return set;
}
