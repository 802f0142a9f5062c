// Static paths: the pages and their files, path traversal in every spelling (../, %2e%2e,
// %252e, overlong UTF-8, backslashes), encoded nulls, source and secret file names, odd methods
// and conditional or ranged requests.
import { pick, type Rng } from '../../lib/prng';
import { chance, weighted, type FuzzRequest } from './spec';

export const SERVED_PATHS = [
  '/',
  '/chat',
  '/embed.js',
  '/assets/site.css',
  '/assets/webchat-init.js',
  '/assets/chat-launcher.js',
  '/assets/favicon.svg',
];

const SECRETS = [
  'etc/passwd',
  'package.json',
  '.env',
  'src/server/server.ts',
  'dist/src/index.js',
  'tsconfig.json',
  'knowledge/',
  'proc/self/environ',
  'node_modules/ws/package.json',
  '.git/config',
];
const UPS = [
  '../',
  '..%2f',
  '%2e%2e/',
  '%2e%2e%2f',
  '..%5c',
  '..\\',
  '%252e%252e%252f',
  '%c0%ae%c0%ae/',
  '....//',
  '.%2e/',
  '%2e./',
  '..;/',
  '..%00/',
];

function traversal(rng: Rng): string {
  const prefix = pick(rng, ['/', '/assets/', '/webchat/', '/chat/', '/api/', '/v3/directline/', '//', '/assets/%2f']);
  const depth = pick(rng, [1, 2, 3, 6, 12]);
  const up = pick(rng, UPS);
  return prefix + up.repeat(depth) + pick(rng, SECRETS);
}

function oddPath(rng: Rng): string {
  return pick(rng, [
    '/chat/',
    '//chat',
    '/CHAT',
    '/chat?x=%00',
    '/chat%00',
    '/chat%20',
    '/chat;x',
    '/chat.html',
    '/index.html',
    '/assets/',
    '/assets/site.css%00.js',
    '/assets/site.css/',
    '/assets/SITE.CSS',
    '/assets/%00',
    '/assets/favicon.svg;.js',
    '/assets/..',
    '/webchat/',
    '/webchat/webchat.js',
    '/webchat/%2e%2e',
    '/webchat/x.js',
    '/embed.js?v=1',
    '/embed.js.map',
    '/%00',
    '/%',
    '/%%',
    '/%zz',
    '/\u00e9',
    '/' + 'a'.repeat(8000),
    '/a/'.repeat(500),
    '/healthz/',
    '/healthz?x',
    '/HEALTHZ',
    '/.well-known/x',
    '/favicon.ico',
    '/robots.txt',
    '/api',
    '/api/',
    '/api/messages/x',
    '/v3',
    '/v3/directline',
    '/v3/directline/conversations',
    '/metrics',
    '/readyz',
    '/admin',
    '/server-status',
    '/*',
    '/?',
    '/#',
    '/.',
    '/./chat',
    '/assets/./site.css',
  ]);
}

export function staticRequest(rng: Rng, index: number): FuzzRequest {
  const kind = weighted(rng, [
    ['served', 25],
    ['traversal', 40],
    ['odd', 35],
  ] as const);
  const path = kind === 'served' ? pick(rng, SERVED_PATHS) : kind === 'traversal' ? traversal(rng) : oddPath(rng);
  const method = chance(rng, 0.8)
    ? pick(rng, ['GET', 'GET', 'HEAD'])
    : pick(rng, ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND', 'MKCOL', 'PURGE', 'LINK']);
  const headers: Record<string, string> = {};
  if (chance(rng, 0.3)) headers['accept-encoding'] = pick(rng, ['gzip', 'br', 'gzip, br', 'deflate', 'identity', '*', 'br;q=0', 'x']);
  if (chance(rng, 0.1)) headers['if-none-match'] = pick(rng, ['*', '"x"', 'W/"x"', '""', 'x'.repeat(3000)]);
  if (chance(rng, 0.1)) headers.range = pick(rng, ['bytes=0-10', 'bytes=-1', 'bytes=99999999-', 'bytes=x', 'bytes=0-0,1-1']);
  if (chance(rng, 0.05)) headers['if-modified-since'] = pick(rng, ['x', 'Thu, 01 Jan 1970 00:00:00 GMT']);
  return {
    index,
    target: 'static',
    case: `static/${kind}`,
    transport: 'http',
    method,
    path,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : '',
  };
}
