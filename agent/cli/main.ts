#!/usr/bin/env node
// `npm run -s agent -- <command> …`: identify (DESIGN §4) and run (issue 4).

import { type CliIo, identifyCommand } from './identify-command.ts';
import { isUsageError } from './usage-error.ts';

const USAGE = `usage: agent <command> [options]
commands:
  identify [--root DIR] [--smart-serial PATH] [--json] [--locale en|fr]
                                                          read this device's identity and zero-touch eligibility
  run --server URL [--root DIR] [--state-dir DIR] [--ui web|terminal|none] [--ui-port N] [--locale en|fr] [--json]
      [--server-ca FILE] [--server-pin sha256/BASE64] [--allow-insecure-http]
                                                          the first-boot enrollment agent`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

async function loadCommand(name: string | undefined): Promise<Command | null> {
  switch (name) {
    case 'identify':
      return identifyCommand;
    case 'run':
      return (await import('./run-command.ts')).runCommand;
    default:
      return null;
  }
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const command = await loadCommand(name);
  if (command === null) {
    io.stderr(`${name === undefined ? 'missing command' : `unknown command "${name}"`}\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`agent ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(
      `agent ${name}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

const io: CliIo = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.stderr(`agent: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
