// Issue 14, item 6: no source file over 400 lines, so each can be read whole and has one job. Only
// generated data is exempt: it is rewritten by its generator, never edited or read by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, sourceFiles } from './source-files.ts';

const MAX_LINES = 400;

/** Generated data, with what writes it. */
const GENERATED_DATA: Readonly<Record<string, string>> = {
  // protoc-gen-es output of protocol/proto/device_management.proto (`npm run proto`).
  'protocol/gen/device_management_pb.ts': 'buf generate',
  // The seed's compatible-device table as literal rows (`npx tsx agent/catalog/generate-rows.ts <seed>`);
  // test/unit/catalog/seed-table.test.ts checks it still says what the seed says.
  'agent/catalog/rows.ts': 'agent/catalog/generate-rows.ts',
};

function lineCount(file: string): number {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('source file sizes', () => {
  it(`no hand-written source file is over ${MAX_LINES} lines`, () => {
    const tooLong = sourceFiles()
      .filter((file) => !(file in GENERATED_DATA))
      .map((file) => ({ file, lines: lineCount(file) }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });

  it('every file exempted as generated data still exists', () => {
    const files = new Set(sourceFiles());
    expect(Object.keys(GENERATED_DATA).filter((file) => !files.has(file))).toEqual([]);
  });
});
