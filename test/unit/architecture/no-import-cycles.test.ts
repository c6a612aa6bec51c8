// Issue 14, item 6: no circle of imports anywhere in our code (type-only imports count). A circle means
// two files that can only be read, tested and split together; break it by moving the shared part out.
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.ts';
import { sourceFiles } from './source-files.ts';

describe('imports among our own files', () => {
  it('form no circle', () => {
    const cycles = importCycles(importGraph(sourceFiles())).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });
});

describe('the cycle finder', () => {
  const sources: Record<string, string> = {
    'a/one.ts': "import type { Two } from './two.ts';\nexport type One = Two[];",
    'a/two.ts': "export { three } from '../b/three.ts';\nexport type Two = string;",
    'b/three.ts':
      "import got from 'got';\nconst one = () => import('../a/one.ts');\nexport const three = [got, one];",
    'b/four.ts': "import { three } from './three.ts';\nexport const four = three;",
    'c/self.ts': "import './self.ts';",
  };
  const graph = importGraph(Object.keys(sources), (file) => sources[file]);

  it('follows type-only imports, re-exports and import() to our files, not to packages', () => {
    expect(graph.get('a/one.ts')).toEqual(['a/two.ts']);
    expect(graph.get('a/two.ts')).toEqual(['b/three.ts']);
    expect(graph.get('b/three.ts')).toEqual(['a/one.ts']);
  });

  it('names each circle as a closed path, and nothing outside one', () => {
    const cycles = importCycles(graph);
    expect(cycles).toHaveLength(2);
    expect(cycles).toEqual(
      expect.arrayContaining([
        ['a/one.ts', 'a/two.ts', 'b/three.ts', 'a/one.ts'],
        ['c/self.ts', 'c/self.ts'],
      ]),
    );
  });
});
