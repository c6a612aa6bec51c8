// Where a fleet's CPU goes (issue 16): the V8 CPU profiles of `fleet --cpu-prof DIR`, one per thread,
// summarised by what the sampled code was doing (its innermost frame): the agents' own code, xstate,
// got, protobuf, file-system calls, crypto, garbage collection… per thread role. Async stacks stop at
// each `await`, so the innermost frame is the one attribution every sample has.

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export type ThreadRole = 'main thread (stub, fleet)' | 'agent workers' | 'module loader threads';

export interface RoleSummary {
  role: ThreadRole;
  threads: number;
  /** Sampled wall time of these threads, and the part not idle, in ms. */
  sampledMs: number;
  busyMs: number;
  /** Busy ms per category, largest first. */
  categories: Array<{ category: string; ms: number }>;
}

/** File-system calls of node:fs as they appear in a profile: natives without a script URL. */
const FS_NATIVES = new Set([
  'open',
  'openFileHandle',
  'close',
  'stat',
  'lstat',
  'fstat',
  'read',
  'readdir',
  'mkdir',
  'rmdir',
  'unlink',
  'rename',
  'fsync',
  'fdatasync',
  'writeBuffer',
  'writeBuffers',
  'writeString',
  'chmod',
  'access',
  'readFileUtf8',
  'realpath',
  'readlink',
  'symlink',
  'ftruncate',
]);
const SOCKET_NATIVES = new Set(['writev', 'writeLatin1String', 'writeUtf8String', 'writeAsciiString']);
const THREAD_NATIVES = new Set(['postMessage', 'receiveMessageOnPort', 'drainMessagePort']);

const PACKAGE_CATEGORIES: Array<[RegExp, string]> = [
  [/^xstate$/, 'xstate (the machine)'],
  [
    /^(got|@szmarczak\/.*|cacheable-.*|http2-wrapper|responselike|lowercase-keys|form-data-encoder)$/,
    'got (HTTP client)',
  ],
  [/^@bufbuild\//, 'protobuf codec'],
  [/^better-sqlite3$/, 'SQLite'],
  [
    /^(fastify|@fastify\/.*|find-my-way|avvio|light-my-request|pino|pino-.*|fast-json-stringify|ajv.*|@sinclair\/typebox)$/,
    'fastify (stub HTTP)',
  ],
  [
    /^(asn1js|pvutils|pkijs|@peculiar\/.*|reflect-metadata|tsyringe|tslib|bytestreamjs)$/,
    'X.509 / ASN.1 in JS (minting)',
  ],
  [/^(tsx|esbuild|get-tsconfig|resolve-pkg-maps)$/, 'module loading'],
];

function packageOf(url: string): string | null {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return match?.[1] ?? null;
}

/** The category of a sample, from its innermost frame. */
export function categoryOf(frame: CallFrame): string {
  const { functionName: fn, url } = frame;
  if (fn === '(idle)') return 'idle';
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(program)' || fn === '(root)') return 'V8 / native (program)';
  // Node's module resolver stats files through its own native, not node:fs.
  if (fn === 'internalModuleStat' || fn === 'internalModuleReadJSON') return 'module loading';
  const pkg = packageOf(url);
  if (pkg !== null) {
    for (const [pattern, category] of PACKAGE_CATEGORIES) if (pattern.test(pkg)) return category;
    return `other package (${pkg})`;
  }
  if (url === '') {
    if (FS_NATIVES.has(fn)) return 'file system (node:fs)';
    if (SOCKET_NATIVES.has(fn)) return 'HTTP / sockets (node)';
    if (THREAD_NATIVES.has(fn)) return 'thread messages';
    return 'other natives';
  }
  if (/^node:internal\/(fs|url)|^node:(fs|path)$/.test(url)) return 'file system (node:fs)';
  if (/^node:internal\/crypto|^node:crypto$/.test(url)) return 'crypto (node)';
  if (/^node:(_tls|tls)/.test(url)) return 'TLS (node)';
  if (/^node:(_http|https?$|net$)|^node:internal\/(streams|stream_base|http|net|dns)/.test(url))
    return 'HTTP / sockets (node)';
  if (/^node:internal\/modules|^node:internal\/deps\/cjs-module-lexer/.test(url)) return 'module loading';
  if (/^node:internal\/worker/.test(url)) return 'thread messages';
  if (/^node:internal\/child_process|^node:child_process$/.test(url))
    return 'child processes (power-loss devices)';
  if (url.startsWith('node:')) return 'other node internals';
  if (/\/(agent|hal|protocol)\//.test(url)) return 'agent code (JS)';
  if (/\/server-stub\//.test(url)) return 'stub code (JS)';
  if (/\/simulator\//.test(url)) return 'simulator code (JS)';
  return 'other';
}

const SPLIT_BY_OWNER = new Set(['file system (node:fs)', 'crypto (node)']);

/** Which part of the project a script belongs to, or null for Node's and packages' own code. */
function ownerOf(url: string): string | null {
  if (url.includes('/node_modules/') || !url.startsWith('file://')) return null;
  if (/\/(agent|hal|protocol)\//.test(url)) return 'agent';
  if (/\/server-stub\//.test(url)) return 'stub';
  if (/\/simulator\//.test(url)) return 'simulator';
  return null;
}

function roleOf(file: string, profile: CpuProfile): ThreadRole {
  if (file.startsWith('main.')) return 'main thread (stub, fleet)';
  const agent = profile.nodes.some((n) => n.callFrame.url.includes('/simulator/fleet/worker.ts'));
  return agent ? 'agent workers' : 'module loader threads';
}

/** Reads every `.cpuprofile` in `dir` and sums their samples by thread role and category. */
export async function summariseProfiles(dir: string): Promise<RoleSummary[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile file in ${dir}`);
  const roles = new Map<
    ThreadRole,
    { threads: number; sampledUs: number; byCategory: Map<string, number> }
  >();
  for (const file of files) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    // A native the table does not know (a SQLite statement's `run`, `spawn`…) counts for its caller.
    const categoryAt = (id: number): string => {
      let at: number | undefined = id;
      while (at !== undefined) {
        const frame = frames.get(at);
        if (frame === undefined) break;
        const category = categoryOf(frame);
        if (category !== 'other natives') return category;
        at = parents.get(at);
      }
      return 'other natives';
    };
    // File-system and crypto calls are split by the project code that made them (agent, simulator,
    // stub): the nearest caller of ours on the synchronous stack, when the stack reaches one.
    const ownerAt = (id: number): string => {
      for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
        const owner = ownerOf(frames.get(at)?.url ?? '');
        if (owner !== null) return owner;
      }
      return 'unattributed';
    };
    const role = roleOf(file, profile);
    const entry = roles.get(role) ?? { threads: 0, sampledUs: 0, byCategory: new Map<string, number>() };
    entry.threads += 1;
    profile.samples.forEach((id, i) => {
      const us = profile.timeDeltas[i] ?? 0;
      if (us <= 0 || !frames.has(id)) return;
      const base = categoryAt(id);
      const category = SPLIT_BY_OWNER.has(base) ? `${base}: ${ownerAt(id)}` : base;
      entry.sampledUs += us;
      entry.byCategory.set(category, (entry.byCategory.get(category) ?? 0) + us);
    });
    roles.set(role, entry);
  }
  return [...roles].map(([role, entry]) => {
    const categories = [...entry.byCategory]
      .filter(([category]) => category !== 'idle')
      .map(([category, us]) => ({ category, ms: us / 1000 }))
      .sort((a, b) => b.ms - a.ms);
    return {
      role,
      threads: entry.threads,
      sampledMs: entry.sampledUs / 1000,
      busyMs: categories.reduce((ms, c) => ms + c.ms, 0),
      categories,
    };
  });
}

/** The summary as a table: per role, busy ms per device and share of busy time per category. */
export function formatProfileSummary(summaries: readonly RoleSummary[], devices: number): string {
  const lines: string[] = [];
  for (const s of summaries) {
    lines.push(
      `${s.role}: ${s.threads} thread(s), busy ${Math.round(s.busyMs)} ms of ${Math.round(s.sampledMs)} ms sampled (${(s.busyMs / devices).toFixed(1)} ms per device)`,
    );
    for (const c of s.categories.filter((c) => c.ms / s.busyMs >= 0.005)) {
      const share = ((100 * c.ms) / s.busyMs).toFixed(1).padStart(5);
      lines.push(`  ${share}%  ${(c.ms / devices).toFixed(2).padStart(6)} ms/device  ${c.category}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
