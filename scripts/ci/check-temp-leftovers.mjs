#!/usr/bin/env node
// After the suite: the temp dir CI gave it (TMPDIR) must be empty. Every test removes what it makes;
// a leftover names the test helper that forgot. Tool caches that are meant to persist between runs
// are not leftovers: tsx keeps its transpile cache in `tsx-<uid>`, Node 22+ its compile cache in
// `node-compile-cache` (enabled by the test runner).
import { readdirSync } from 'node:fs';

const dir = process.argv[2];
if (dir === undefined) {
  console.error('usage: check-temp-leftovers.mjs DIR');
  process.exit(2);
}
const CACHES = [/^tsx-\d+$/, /^node-compile-cache$/];
const left = readdirSync(dir).filter((name) => !CACHES.some((re) => re.test(name)));
if (left.length > 0) {
  console.error(
    `ci: the test suite left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in its temp dir ${dir}:`,
  );
  for (const name of left.sort()) console.error(`  ${name}`);
  process.exit(1);
}
console.log(`ci: nothing left in the temp dir ${dir}`);
