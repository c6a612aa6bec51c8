#!/usr/bin/env node
// After `npm test` in CI: one plain closing line `vitest: N passed, N failed` from the JUnit report
// vitest writes under CI, so the count is readable whatever reporter format vitest prints.
import { existsSync, readFileSync } from 'node:fs';

const report = process.argv[2] ?? 'test-output/junit.xml';
if (!existsSync(report)) {
  // vitest writes it only when CI is set; the test command's own output then stands alone.
  process.stdout.write(`ci-summary: no ${report} (CI not set), see the vitest summary above\n`);
  process.exit(0);
}
const xml = readFileSync(report, 'utf8');
const root = /<testsuites\b[^>]*>/.exec(xml)?.[0] ?? '';
const attr = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(root)?.[1] ?? '0');
const tests = attr('tests');
const failed = attr('failures') + attr('errors');
// vitest's JUnit root has no `skipped` count: each skipped case holds a <skipped/> element.
const skipped = attr('skipped') || (xml.match(/<skipped\b/g) ?? []).length;
process.stdout.write(
  `vitest: ${tests - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
);
