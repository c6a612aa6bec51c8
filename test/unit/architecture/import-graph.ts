// Who imports whom among our own files, and the circles in that graph. The TypeScript compiler's
// pre-processor reads each file's imports (static, type-only, re-exports and literal `import()`), so
// `import type` counts: a circle of types is still a circle of modules to read and to split.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './source-files.ts';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Where a relative specifier leads, among the files we know; undefined for packages and unknown files. */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = normalize(join(dirname(from), specifier))
    .split('\\')
    .join('/');
  // Sources name their imports with the real extension (`allowImportingTsExtensions`); `.js` naming a
  // `.ts` file and folder imports are resolved too, so a future style change cannot hide a circle.
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    `${base}.ts`,
    `${base}/index.ts`,
    `${base}/index.js`,
  ];
  return candidates.find((candidate) => known.has(candidate));
}

function readFromRepo(file: string): string | undefined {
  const absolute = join(REPO_ROOT, file);
  return existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
}

/**
 * The graph of the given files (relative to the repo root): each file → the files it imports.
 * `read` gives a file's text (the repo's by default; tests pass sources of their own).
 */
export function importGraph(
  files: readonly string[],
  read: (file: string) => string | undefined = readFromRepo,
): ImportGraph {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = read(file);
    if (text === undefined) continue;
    const info = ts.preProcessFile(text, true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      const target = resolve(file, ref.fileName, known);
      if (target !== undefined) targets.add(target);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * The circles of the graph: one per strongly connected component with more than one file (or a file
 * importing itself), each given as a closed path `a → b → … → a` through that component.
 */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++] as string;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) {
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfImport) components.push(component);
      }
    }
  }
  return components.map((component) => closedPath(graph, new Set(component)));
}

/** A shortest circle through the component's first file (in sorted order), staying inside the component. */
function closedPath(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const first = [...component].sort()[0] as string;
  const previous = new Map<string, string>();
  const queue = [first];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue;
      if (to === first) {
        const path = [first];
        for (let at: string | undefined = node; at !== undefined && at !== first; at = previous.get(at)) {
          path.splice(1, 0, at);
        }
        return [...path, first];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [first, first];
}
