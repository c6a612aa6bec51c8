// `agent identify`: the JSON contract of DESIGN §4 keeps `reasons: [{code, message}]` with English
// messages; `--locale fr` words them (and the table) in French; an unknown locale is a usage error.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyCommand } from '../../../agent/cli/identify-command.ts';
import { isUsageError } from '../../../agent/cli/usage-error.ts';
import { materializeDeviceTree } from '../../../simulator/device-tree.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'zte-identify-locale-'));
  // A Samsung Chromebook 4 with a 16-character serial: listed, but not zero-touch capable.
  await materializeDeviceTree(root, {
    dmi: { sys_vendor: 'Samsung', product_serial: 'R8AN1234567890AB' },
    vpd: {
      serial_number: 'R8AN1234567890AB',
      model_name: 'Samsung Chromebook 4',
      mfg_date: '2023-06-01',
      initial_locale: 'fr-FR',
    },
  });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function identify(...extra: string[]) {
  let out = '';
  const code = await identifyCommand(['--root', root, ...extra], {
    stdout: (t) => {
      out += t;
    },
    stderr: () => undefined,
  });
  return { code, out };
}

describe('agent identify and the locale', () => {
  it('--json: reasons are exactly {code, message}, in English even on a French device', async () => {
    const { code, out } = await identify('--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { reasons: Array<Record<string, unknown>> };
    expect(report.reasons).toEqual([
      {
        code: 'serial-incomplete',
        message:
          "This Samsung Chromebook's serial number has 16 characters: zero-touch needs exactly 15 (seed 000, footnote 2).",
      },
    ]);
  });

  it('--json --locale fr: the same codes, the messages in French', async () => {
    const report = JSON.parse((await identify('--json', '--locale', 'fr')).out) as {
      reasons: Array<{ code: string; message: string }>;
    };
    expect(report.reasons).toEqual([
      {
        code: 'serial-incomplete',
        message:
          'Le numéro de série de ce Chromebook Samsung compte 16 caractères\u00a0: l’inscription sans contact en exige exactement 15 (seed 000, note 2).',
      },
    ]);
  });

  it('the table in English by default, in French with --locale fr', async () => {
    expect((await identify()).out).toContain('Zero-touch           ZTE✗ not eligible');
    const fr = (await identify('--locale', 'fr')).out;
    expect(fr).toContain('ZTE✗ non éligible');
    expect(fr).toContain('Fabricant');
    expect(fr).toContain(
      '  ✗ serial-incomplete: Le numéro de série de ce Chromebook Samsung compte 16 caractères',
    );
  });

  it('refuses a locale it has no catalog for', async () => {
    await expect(identify('--locale', 'de')).rejects.toSatisfy(isUsageError);
  });
});
