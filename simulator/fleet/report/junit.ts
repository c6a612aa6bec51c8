// junit.xml: one test suite per scenario, one test case per device, a <failure> with the expected and
// actual outcome and the device's log when it did not meet its expectation (an <error> when the fleet
// itself could not run it). Read by every CI system.

import { describeExpected } from '../../scenarios/types.ts';
import type { ReportDevice } from './json.ts';

/** XML 1.0 text: the five entities escaped, characters XML cannot carry dropped. */
/** Characters XML 1.0 cannot carry (control characters but tab, LF and CR; lone surrogates; U+FFFE/F). */
function isXmlChar(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

export function xmlText(value: string): string {
  return [...value]
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function actualText(d: ReportDevice): string {
  if (d.actual === null) return 'no outcome';
  return `${d.actual.outcome}/${d.actual.reason ?? '-'}${d.actual.managementDomain ? `@${d.actual.managementDomain}` : ''}`;
}

function testcase(d: ReportDevice): string {
  const name = `${d.id} ${d.model} (${d.manufacturer})`;
  const open = `    <testcase classname="fleet.${xmlText(d.scenario)}.${xmlText(d.variant)}" name="${xmlText(name)}" time="${seconds(d.timings.decisionMs)}"`;
  if (d.passed) return `${open}/>`;
  const log = xmlText(d.log.join('\n'));
  const message = `expected ${describeExpected(d.expected)}, got ${actualText(d)}`;
  const element =
    d.error !== undefined
      ? `<error message="${xmlText(`${message}: ${d.error}`)}" type="fleet-error">${log}</error>`
      : `<failure message="${xmlText(message)}" type="outcome-mismatch">${log}</failure>`;
  return `${open}>\n      ${element}\n    </testcase>`;
}

export function junitXml(devices: readonly ReportDevice[], startedAt: string): string {
  const suites = new Map<string, ReportDevice[]>();
  for (const d of devices) suites.set(d.scenario, [...(suites.get(d.scenario) ?? []), d]);
  const count = (list: readonly ReportDevice[]) => ({
    tests: list.length,
    failures: list.filter((d) => !d.passed && d.error === undefined).length,
    errors: list.filter((d) => !d.passed && d.error !== undefined).length,
    time: seconds(list.reduce((sum, d) => sum + d.timings.decisionMs, 0)),
  });
  const all = count(devices);
  const body = [...suites.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([scenario, list]) => {
      const c = count(list);
      return [
        `  <testsuite name="fleet.${xmlText(scenario)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="0" time="${c.time}" timestamp="${xmlText(startedAt.replace(/\.\d+Z$/, ''))}">`,
        ...list.map(testcase),
        '  </testsuite>',
      ].join('\n');
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="zte-fleet" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" time="${all.time}">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}
