// The exportable diagnostics bundle (issue 5 item 4): `diagnostics-<timestamp>.json` in the state
// directory, secrets redacted, plus a QR code of a short summary a technician can scan with a phone
// (the bundle itself is far too big for a QR code; the summary names the file to fetch).

import { access, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { STATE_FILE_NAME, writeFileAtomic } from '../persistence/index.ts';
import { redactSecrets } from './redact.ts';
import type { Diagnostics } from './types.ts';

export const BUNDLE_KIND = 'zte-agent-diagnostics';
const MAX_STATE_FILE_BYTES = 1024 * 1024;

export interface ExportOptions {
  now?: Date;
  /** Values known to be secret (the device's DM token…), scrubbed wherever they appear. */
  secrets?: readonly string[];
}

export interface ExportResult {
  /** Absolute path of the bundle written. */
  path: string;
  fileName: string;
  /** The text the QR code encodes. */
  summary: string;
  /** The QR code of `summary` as an SVG document. */
  qrSvg: string;
}

export interface Bundle {
  kind: typeof BUNDLE_KIND;
  version: 1;
  exportedAt: string;
  diagnostics: Diagnostics;
  /** The agent's durable record (`state.json`) as found in the state directory, or why it is not here. */
  stateFile: unknown;
}

/** `diagnostics-2024-05-01T12-00-00-000Z.json`: no colons, so it is a valid name on any file system. */
export function bundleFileName(now: Date, suffix = 0): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `diagnostics-${stamp}${suffix === 0 ? '' : `-${suffix}`}.json`;
}

/** The few lines a phone can read from the QR code (ASCII only: some scanners mangle the rest). */
export function bundleSummary(d: Diagnostics, fileName: string): string {
  const id = d.identity;
  const one = (s: string | null | undefined) =>
    s === null || s === undefined || s === '' ? '-' : s.slice(0, 80);
  return [
    'ZTE-AGENT DIAGNOSTICS',
    `SN:${one(id?.serialNumber)}`,
    `ID:${one(id?.certifiedDeviceId)}${id?.idKind ? ` (${id.idKind})` : ''}`,
    `MODEL:${one(id?.model)}`,
    `ZTE:${d.zteReady ? 'OK' : 'NO'}`,
    `STATE:${one(d.state)}`,
    `ERROR:${one(d.lastError?.code)}`,
    `FILE:${fileName}`,
  ].join('\n');
}

async function readStateFile(dir: string): Promise<unknown> {
  const path = join(dir, STATE_FILE_NAME);
  try {
    const info = await stat(path);
    if (!info.isFile()) return { unreadable: 'not a regular file' };
    if (info.size > MAX_STATE_FILE_BYTES) return { unreadable: `too large (${info.size} bytes)` };
    const text = await readFile(path, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return { unreadable: 'not valid JSON' };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'ENOENT' ? null : { unreadable: String(code ?? error) };
  }
}

async function freeName(dir: string, now: Date): Promise<string> {
  for (let suffix = 0; ; suffix++) {
    const name = bundleFileName(now, suffix);
    const taken = await access(join(dir, name)).then(
      () => true,
      () => false,
    );
    if (!taken) return name;
  }
}

/** Writes the redacted bundle into `dir` (the state directory) and returns its path and QR code. */
export async function exportBundle(
  diagnostics: Diagnostics,
  dir: string,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const now = options.now ?? new Date();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const bundle: Bundle = redactSecrets(
    {
      kind: BUNDLE_KIND,
      version: 1,
      exportedAt: now.toISOString(),
      diagnostics,
      stateFile: await readStateFile(dir),
    },
    options.secrets ?? [],
  );
  const fileName = await freeName(dir, now);
  const path = join(dir, fileName);
  await writeFileAtomic(path, `${JSON.stringify(bundle, null, 2)}\n`, { mode: 0o600 });
  const summary = bundleSummary(bundle.diagnostics, fileName);
  const qrSvg = await QRCode.toString(summary, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { path, fileName, summary, qrSvg };
}
