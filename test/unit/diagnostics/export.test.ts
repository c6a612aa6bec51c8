// The exported bundle: where it is written, what it holds, and the short summary its QR code carries.

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BUNDLE_KIND,
  bundleFileName,
  collectDiagnostics,
  exportBundle,
} from '../../../agent/diagnostics/index.ts';
import { fakeDiagnosticsDeps, happyScript, startMachine } from '../../helpers/machine/index.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zte-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function errorDiagnostics() {
  const agent = startMachine({
    ...happyScript(),
    registerDevice: [{ error: { code: 'device-id-conflict', httpStatus: 409 } }],
  });
  await agent.reach('error');
  const d = await collectDiagnostics(agent.view, fakeDiagnosticsDeps().deps, { agentVersion: '0.1.0' });
  agent.stop();
  return d;
}

const NOW = new Date('2025-06-02T09:30:15.123Z');

describe('exportBundle', () => {
  it('writes diagnostics-<timestamp>.json (0600) into the state directory with the diagnostics and the state file', async () => {
    const d = await errorDiagnostics();
    await writeFile(join(dir, 'state.json'), JSON.stringify({ version: 1, phase: 'error', bootAttempts: 2 }));
    const result = await exportBundle(d, dir, { now: NOW });
    expect(result.fileName).toBe('diagnostics-2025-06-02T09-30-15-123Z.json');
    expect(result.path).toBe(join(dir, result.fileName));
    expect((await stat(result.path)).mode & 0o777).toBe(0o600);
    const bundle = JSON.parse(await readFile(result.path, 'utf8'));
    expect(bundle).toEqual({
      kind: BUNDLE_KIND,
      version: 1,
      exportedAt: NOW.toISOString(),
      diagnostics: JSON.parse(JSON.stringify(d)),
      stateFile: { version: 1, phase: 'error', bootAttempts: 2 },
    });
  });

  it('summarises serial, certified ID, state, last error and the file name for the QR code', async () => {
    const d = await errorDiagnostics();
    const { summary, qrSvg, fileName } = await exportBundle(d, dir, { now: NOW });
    expect(summary.split('\n')).toEqual([
      'ZTE-AGENT DIAGNOSTICS',
      'SN:NXHPVEK0010123456789',
      'ID:NXHPVEK0010123456789 (serial-number)',
      'MODEL:Chromebook Acer 311 (C722/C722T)',
      'ZTE:OK',
      'STATE:error',
      'ERROR:device-id-conflict',
      `FILE:${fileName}`,
    ]);
    // The SVG is the QR code of exactly that text (same library, same settings).
    expect(qrSvg).toBe(await QRCode.toString(summary, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
    expect(qrSvg.startsWith('<svg')).toBe(true);
    // Small enough for a phone camera at arm's length: well under QR version 15.
    expect(QRCode.create(summary, { errorCorrectionLevel: 'M' }).version).toBeLessThan(15);
  });

  it('never overwrites an earlier bundle, and creates the state directory when missing', async () => {
    const d = await errorDiagnostics();
    const nested = join(dir, 'var', 'lib', 'zte-agent');
    const a = await exportBundle(d, nested, { now: NOW });
    const b = await exportBundle(d, nested, { now: NOW });
    expect(a.fileName).toBe(bundleFileName(NOW));
    expect(b.fileName).toBe(bundleFileName(NOW, 1));
    expect(b.path).not.toBe(a.path);
  });

  it('says when there is no state file, or when it is unreadable', async () => {
    const d = await errorDiagnostics();
    const none = JSON.parse(await readFile((await exportBundle(d, dir, { now: NOW })).path, 'utf8'));
    expect(none.stateFile).toBeNull();
    await writeFile(join(dir, 'state.json'), '{"version": 1, "trunc');
    const corrupt = JSON.parse(await readFile((await exportBundle(d, dir, { now: NOW })).path, 'utf8'));
    expect(corrupt.stateFile).toEqual({ unreadable: 'not valid JSON' });
  });
});
