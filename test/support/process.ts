// The bot as `npm start` runs it (dist/src/index.js), in its own process, for tests that must see
// whether a request kills the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const entry = path.resolve(__dirname, '../../dist/src/index.js');

/** dist/src/index.js (what `npm start` runs) on a free port; resolves once it listens. */
export function startProcess(): Promise<{ child: ChildProcess; url: string; port: number; exited: () => string | undefined }> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
  const env = { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', STATE_STORE: 'memory', LOG_LEVEL: 'info' };
  const child = spawn(process.execPath, [entry], { cwd: path.dirname(entry), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exit: string | undefined;
  child.on('exit', (code, signal) => (exit = `exited with ${signal ?? code}: ${output.slice(-2000)}`));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start: ${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (c) => (output += c));
      resolve({ child, url: match[1], port: Number(match[2]), exited: () => exit });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c) => (output += c));
  });
}
