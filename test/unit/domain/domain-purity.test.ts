import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/project-root.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// STYLE.md rule 1: src/domain is pure — no I/O, no clock, no Math.random, imports only from inside src/domain.
describe('src/domain stays pure', () => {
  const domainDir = join(PROJECT_ROOT, 'src', 'domain');
  const files = tsFiles(domainDir);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [relative(PROJECT_ROOT, f), f]))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const match of source.matchAll(/from\s+'([^']+)'/g)) {
      const spec = match[1] as string;
      expect(spec.startsWith('.'), `import of package "${spec}"`).toBe(true);
      const target = resolve(dirname(file), spec);
      expect(target.startsWith(domainDir), `import outside src/domain: ${spec}`).toBe(true);
    }
    expect(source).not.toMatch(/Math\.random\s*\(/);
    expect(source).not.toMatch(/Date\.now\s*\(|new Date\s*\(\s*\)/);
    expect(source).not.toMatch(/\bprocess\.|\brequire\s*\(|import\s*\(/);
  });
});
