// What every answer is checked for. A failure names its check, so the summary can group them.
//   5xx           any 5xx, except when the sink failed the request's replies on purpose
//   no-answer     no response within the timeout (a hang), on the HTTP transport
//   leak          a stack trace, a file path, node_modules, a .ts/.js source position in a body
//   file          a body from outside the served set: /etc/passwd, source or config files, or a
//                 200 on a static path whose body is none of the files the server serves
//   token         a forged, missing or other conversation's token (or ticket) was accepted
//   dropped       a Direct Line message post answered 200 without the new activity's id
//   pollution     the pollution marker turned up in an answer to a request that did not carry it
import { createHash } from 'node:crypto';
import type { FuzzRequest } from './gen/spec';
import type { Reply } from './transport';
import { POLLUTION_MARKER } from './gen/values';

export type CheckName = '5xx' | 'no-answer' | 'leak' | 'file' | 'token' | 'dropped' | 'pollution' | 'changed' | 'crash' | 'health';

export interface Finding {
  check: CheckName;
  detail: string;
}

/** Hashes of the bodies the server serves on its static paths (filled in at start, see served.ts). */
export type ServedSet = Set<string>;

export const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

const LEAKS: [RegExp, string][] = [
  // A stack frame, "    at fn (file:1:2)" or "at file:1:2"; plain "at " in prose is not one.
  [/\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:\/\/|\/|node:|[A-Za-z]:\\)[^\s)]*:\d+:\d+\)?/, 'stack frame'],
  [/\/work\//, '/work/ path'],
  [/\/home\/|\/usr\/lib\/node|\/tmp\/faq-/, 'file system path'],
  [/node_modules/, 'node_modules'],
  [/\.ts:\d+|\.js:\d+:\d+/, 'source position'],
  [/\b(?:TypeError|RangeError|SyntaxError|ReferenceError): /, 'exception message'],
];

const FILE_CONTENTS: [RegExp, string][] = [
  [/root:[x*]?:0:0:/, '/etc/passwd'],
  [/"compilerOptions"|"devDependencies"|"dependencies"\s*:/, 'package.json or tsconfig.json'],
  [/\bimport (?:type )?\{[^}]*\} from '|Object\.defineProperty\(exports, "__esModule"/, 'source file'],
  [/MicrosoftAppPassword=|DIRECT_LINE_SECRET=|\[core\]\s+repositoryformatversion/, 'config or .env file'],
];

// Targets whose 200s are pages: an upgrade without `Upgrade:` is a plain GET, which may get one.
const STATIC_TARGETS = new Set(['static', 'websocket']);

export function checkReply(req: FuzzRequest, reply: Reply, served: ServedSet, sentText: string): Finding[] {
  const findings: Finding[] = [];
  const status = reply.status;
  if (status === undefined) {
    if (reply.error === 'timeout' && req.transport === 'http')
      findings.push({ check: 'no-answer', detail: 'no response within the timeout' });
    return findings;
  }
  if (status >= 500 && !req.channelFails) findings.push({ check: '5xx', detail: `${status}` });
  const isServedFile = reply.body.length > 0 && served.has(sha1(reply.body));
  const text = isServedFile ? '' : reply.body.toString('utf8');
  // A match the request itself contained (a 404 naming the asked-for path) is an echo, not a leak.
  const found = (re: RegExp) => {
    const m = re.exec(text);
    return m && !sentText.includes(m[0]) ? m : undefined;
  };
  for (const [re, what] of LEAKS) {
    const m = found(re);
    if (m) findings.push({ check: 'leak', detail: `${what}: ${snippet(text, m.index)}` });
  }
  for (const [re, what] of FILE_CONTENTS) {
    const m = found(re);
    if (m) findings.push({ check: 'file', detail: `${what}: ${snippet(text, m.index)}` });
  }
  if (STATIC_TARGETS.has(req.target) && status === 200 && reply.body.length > 0 && !isServedFile && !isJson(reply)) {
    findings.push({ check: 'file', detail: `200 with ${reply.body.length} bytes that are none of the served files` });
  }
  // For an upgrade, accepting means opening the stream; a page it got as a plain GET is checked above.
  const accepted = status === 101 || (req.target !== 'websocket' && status >= 200 && status < 300);
  if (req.mustRefuse && accepted && req.target !== 'static')
    findings.push({ check: 'token', detail: `${status} for a request that must be refused` });
  if (req.expectId && status === 200 && !/"id"\s*:\s*"[^"]+"/.test(text))
    findings.push({ check: 'dropped', detail: `200 ${text.slice(0, 80)}` });
  // Direct Line answers and streams replay the conversation's earlier posts, which may carry the marker.
  if (req.target !== 'directline' && req.target !== 'websocket' && text.includes(POLLUTION_MARKER) && !sentText.includes(POLLUTION_MARKER))
    findings.push({ check: 'pollution', detail: snippet(text, text.indexOf(POLLUTION_MARKER)) });
  return findings;
}

// JSON answers (errors, /healthz) are not files; a JSON file's content is caught by FILE_CONTENTS.
const isJson = (reply: Reply) => String(reply.headers['content-type'] ?? '').includes('json');

function snippet(text: string, at: number): string {
  return JSON.stringify(text.slice(Math.max(0, at - 40), at + 80));
}
