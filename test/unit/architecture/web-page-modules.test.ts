// The OOBE page's script is ES modules (agent/ui/web/assets/*.js) served one by one by the web UI's
// server, which serves only what it lists: a module added to the page but not to that list would be a
// 404 in the browser and a blank page on the device.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_MODULES } from '../../../agent/ui/web/server.ts';
import { importGraph } from './import-graph.ts';
import { REPO_ROOT } from './source-files.ts';

const ASSETS = 'agent/ui/web/assets';

describe("the OOBE page's modules", () => {
  const onDisk = readdirSync(join(REPO_ROOT, ASSETS))
    .filter((file) => file.endsWith('.js'))
    .sort();

  it('are all served, and nothing more', () => {
    expect([...PAGE_MODULES].sort()).toEqual(onDisk);
  });

  it('import only each other, and all are reached from app.js', () => {
    const graph = importGraph(onDisk.map((file) => `${ASSETS}/${file}`));
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const to of graph.get(file) ?? []) visit(to);
    };
    visit(`${ASSETS}/app.js`);
    expect([...reached].map((file) => file.slice(ASSETS.length + 1)).sort()).toEqual(onDisk);
  });
});
