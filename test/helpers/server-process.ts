import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/project-root.js';

export interface ServerProcess {
  child: ChildProcess;
  /** The URL the server printed once listening (rejects if it exits or takes longer than 60 s). */
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * Starts src/server.ts in its own process (PORT=0) and resolves `url` once it prints it. `user` runs it under
 * another uid/gid (root only), e.g. to make a file that root could still write read-only for the server.
 */
export function startServer(env: Record<string, string>, user?: { uid: number; gid: number }): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/server.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user ?? {}),
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve((match[1] as string).replace('//localhost:', '//127.0.0.1:'));
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${output}`));
    });
  });
  url.catch(() => undefined);
  return { child, url, exited, output: () => output };
}
