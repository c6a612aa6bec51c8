// The OOBE server over a scripted agent, and raw HTTP for what fetch cannot send (a foreign Host).

import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebUi, type WebUi } from '../../../agent/ui/web/index.ts';
import {
  type FakeDeps,
  fakeDiagnosticsDeps,
  type MachineRun,
  type Script,
  startMachine,
} from '../../helpers/machine/index.ts';

export interface ServedUi {
  agent: MachineRun;
  fake: FakeDeps;
  ui: WebUi;
  stateDir: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** Serves the UI over a scripted agent; `stateDir` (kept on close) defaults to a fresh temporary one. */
export async function serveUi(script: Script, options: { stateDir?: string } = {}): Promise<ServedUi> {
  const agent = startMachine(script);
  const fake = fakeDiagnosticsDeps();
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), 'zte-ui-state-')));
  const ui = await startWebUi({ handle: agent.view, deps: fake.deps, stateDir, agentVersion: '0.0.0-test' });
  return {
    agent,
    fake,
    ui,
    stateDir,
    origin: `http://127.0.0.1:${ui.port}`,
    async close() {
      await ui.close();
      agent.stop();
      if (options.stateDir === undefined) await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP/1.1 request with exactly these headers (fetch would rewrite Host). Reads the whole body unless `firstChunk`. */
export function raw(
  port: number,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    firstChunk?: boolean;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: options.headers ?? {},
        setHost: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
          if (options.firstChunk) {
            res.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
