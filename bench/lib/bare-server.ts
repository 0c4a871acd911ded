/**
 * The floor of the hot-path ratios: a bare `node:http` server answering the same JSON
 * as `/healthz`, in a child process of its own like the Klipy node it is compared with.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../../test/helpers/process.js';

const SOURCE = `
const http = require('node:http');
const body = JSON.stringify({ status: 'ok' });
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;

export interface BareServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the bare server and resolves once it listens. */
export async function startBareServer(): Promise<BareServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', SOURCE], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
