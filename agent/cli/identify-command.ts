import { parseArgs } from 'node:util';
import { readDeviceIdentity } from '../identity/read-device.ts';
import { identitySourcesFor, requireDirectory } from './backends.ts';
import { formatIdentityTable } from './format-identity.ts';
import { UsageError } from './usage-error.ts';

export const IDENTIFY_USAGE = 'usage: agent identify [--root DIR] [--smart-serial PATH] [--json]';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `agent identify`: exit 0 whenever identity was read, eligible or not. */
export async function identifyCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCli(argv);
  const root = await requireDirectory('--root', values.root ?? '/');
  const smartSerial = values['smart-serial'];
  const sources = await identitySourcesFor(smartSerial === undefined ? { root } : { root, smartSerial });
  const { report } = await readDeviceIdentity(sources);
  io.stdout(values.json ? `${JSON.stringify(report)}\n` : formatIdentityTable(report));
  return 0;
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
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${IDENTIFY_USAGE}`);
  }
}
