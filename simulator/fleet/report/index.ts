// Writes a run's reports into a directory: report.json, junit.xml, report.html.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportHtml } from './html.ts';
import type { ReportFile } from './json.ts';
import { junitXml } from './junit.ts';

export { chartData, reportHtml } from './html.ts';
export {
  fromReportDevice,
  REPORT_KIND,
  type ReportDevice,
  type ReportFile,
  toReportDevice,
  toReportFile,
} from './json.ts';
export { junitXml, xmlText } from './junit.ts';

export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml', html: 'report.html' } as const;

export async function writeReports(dir: string, report: ReportFile): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(join(dir, REPORT_FILES.json), `${JSON.stringify(report)}\n`),
    writeFile(join(dir, REPORT_FILES.junit), junitXml(report.devices, report.meta.startedAt)),
    writeFile(join(dir, REPORT_FILES.html), reportHtml(report)),
  ]);
}
