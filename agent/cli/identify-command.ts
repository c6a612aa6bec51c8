import { parseArgs } from 'node:util';
import { isLocale, type Locale } from '../i18n/index.ts';
import { readDeviceIdentity } from '../identity/read-device.ts';
import { publicReason } from '../identity/reasons.ts';
import type { IdentityReport } from '../identity/report.ts';
import { identitySourcesFor, requireDirectory } from './backends.ts';
import { formatIdentityTable } from './format-identity.ts';
import { UsageError } from './usage-error.ts';

export const IDENTIFY_USAGE =
  'usage: agent identify [--root DIR] [--smart-serial PATH] [--json] [--locale en|fr]';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `agent identify`: exit 0 whenever identity was read, eligible or not. */
export async function identifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv);
  // DESIGN §4: `reasons: [{code, message}]`, the messages in English unless `--locale` says otherwise.
  const locale = parseLocale(values.locale);
  const root = await requireDirectory('--root', values.root ?? '/');
  const smartSerial = values['smart-serial'];
  const sources = await identitySourcesFor(smartSerial === undefined ? { root } : { root, smartSerial });
  const { report } = await readDeviceIdentity(sources);
  const shown: IdentityReport = { ...report, reasons: report.reasons.map((r) => publicReason(r, locale)) };
  io.stdout(values.json ? `${JSON.stringify(shown)}\n` : formatIdentityTable(shown, locale));
  return 0;
}

function parseLocale(value: string | undefined): Locale | undefined {
  if (value === undefined) return undefined;
  if (!isLocale(value)) throw new UsageError(`--locale ${value}: must be en or fr\n${IDENTIFY_USAGE}`);
  return value;
}

function parseCli(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        root: { type: 'string' },
        'smart-serial': { type: 'string' },
        json: { type: 'boolean', default: false },
        locale: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${IDENTIFY_USAGE}`);
  }
}
