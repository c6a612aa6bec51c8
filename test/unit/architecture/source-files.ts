// The repo's own source files (what the architecture tests look at), found by walking the source roots
// rather than asking git, so the tests also run in a copy without a .git directory.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Top-level folders holding our code (DESIGN §2), plus the repo root's own config files. */
const SOURCE_ROOTS = ['agent', 'hal', 'protocol', 'server-stub', 'simulator', 'bench', 'scripts', 'test'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test-output', '.git']);
export const SOURCE_FILE = /\.(ts|tsx|mts|js|mjs|cjs)$/;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), out);
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
}

/** Every source file, as paths relative to the repo root with `/` separators, sorted. */
export function sourceFiles(): string[] {
  const found: string[] = [];
  for (const root of SOURCE_ROOTS) walk(join(REPO_ROOT, root), found);
  for (const entry of readdirSync(REPO_ROOT, { withFileTypes: true })) {
    if (entry.isFile() && SOURCE_FILE.test(entry.name)) found.push(join(REPO_ROOT, entry.name));
  }
  return found.map((file) => relative(REPO_ROOT, file).split('\\').join('/')).sort();
}
