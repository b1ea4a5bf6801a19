import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's top folder (the one holding package.json), found by walking up from this file. The same code
 * runs from src/ (tests, tsx) and from dist/src/ (npm start), so paths to views/, public/ and node_modules/
 * are resolved from here rather than from the current directory.
 */
export const PROJECT_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'views'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('credit-ahp: cannot find the project folder (package.json + views/)');
    dir = parent;
  }
})();

/** The folder of compiled or source migrations that belongs to the running code. */
export const MIGRATIONS_DIR: string = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
