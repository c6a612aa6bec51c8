// The committed protocol/gen/*.ts must be exactly what `npm run proto` makes from protocol/proto/:
// an edited .proto without regenerating (or a hand edit of generated code) fails here.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(join(tmpdir(), 'zte-proto-gen-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('generated protobuf code', () => {
  it('matches a fresh generation from protocol/proto', () => {
    execFileSync(
      join(ROOT, 'node_modules/.bin/buf'),
      ['generate', '--template', 'protocol/proto/buf.gen.yaml', '-o', out],
      {
        cwd: ROOT,
        env: { ...process.env, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
      },
    );
    const committed = readdirSync(join(ROOT, 'protocol/gen')).sort();
    const fresh = readdirSync(join(out, 'protocol/gen')).sort();
    expect(fresh).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(join(out, 'protocol/gen', file), 'utf8'), file).toBe(
        readFileSync(join(ROOT, 'protocol/gen', file), 'utf8'),
      );
    }
  });
});
