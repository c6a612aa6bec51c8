#!/usr/bin/env node
// `npm run build`: bundles the agent CLI for devices into dist/agent/ so it runs on plain `node`
// (no tsx, no TypeScript at run time) for a fast cold start. Lazy-loaded parts (systeminformation,
// the SMART RS-232 backend, the web UI) become separate chunks, loaded only when a boot needs them.
// Native modules stay external: a device image ships them in node_modules.
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const { values } = parseArgs({ options: { outdir: { type: 'string', default: 'dist/agent' } } });

const result = await build({
  entryPoints: { main: 'agent/cli/main.ts' },
  outdir: values.outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  external: ['node-hid', 'serialport', '@serialport/*', 'better-sqlite3', 'playwright-core'],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __zteCreateRequire } from 'node:module'; const require = __zteCreateRequire(import.meta.url);",
  },
});

// The chunks are ES modules wherever the bundle is copied: without a package.json saying so, Node
// reads every chunk's text and parses it a second time to guess its format (a cold start paid ~13 ms
// of detection and more in parsing, measured with --cpu-prof).
await writeFile(join(values.outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);

// The web OOBE reads its page files from `assets/` beside the bundled module.
await cp('agent/ui/web/assets', join(values.outdir, 'assets'), { recursive: true });

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const total = outputs.reduce((sum, [, o]) => sum + o.bytes, 0);
console.error(
  `built ${outputs.length} chunks, ${(total / 1024).toFixed(0)} KiB, into ${values.outdir}/ (entry: main.js)`,
);
