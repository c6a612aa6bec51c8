// Starts the OOBE web UI over a scripted agent and opens it in the test file's browser.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createDmClient } from '../../../agent/dm-client/index.ts';
import type { LocaleSetting } from '../../../agent/i18n/index.ts';
import type { BootPlan } from '../../../agent/machine/types.ts';
import { createEnrollmentHttp } from '../../../agent/runtime/enrollment-http.ts';
import { startWebUi, type WebUi } from '../../../agent/ui/web/index.ts';
import {
  type FakeDeps,
  type FakeDepsOptions,
  fakeDiagnosticsDeps,
  type MachineRun,
  type Script,
  startMachine,
} from '../../helpers/machine/index.ts';
import type { Browser } from './browser.ts';

export const AGENT_VERSION = '9.8.7-test';

export interface Oobe {
  agent: MachineRun;
  fake: FakeDeps;
  ui: WebUi;
  page: Page;
  stateDir: string;
  close(): Promise<void>;
}

export async function openOobe(
  browser: Browser,
  script: Script,
  options: {
    boot?: BootPlan;
    deps?: FakeDepsOptions;
    /** Talk to a real server for the live look-up (replaces the scripted DM client and SMART check-in). */
    serverUrl?: string;
    viewport?: { width: number; height: number };
    /** The screens' language (English when absent), shared with the test to switch or inspect it. */
    locale?: LocaleSetting;
  } = {},
): Promise<Oobe> {
  const agent = startMachine(script, options.boot);
  const fake = fakeDiagnosticsDeps(options.deps);
  const { serverUrl } = options;
  if (serverUrl !== undefined) {
    fake.deps.createDmClient = (deviceId) => createDmClient({ serverUrl, deviceId });
    fake.deps.enrollmentHttp = createEnrollmentHttp(serverUrl);
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'zte-oobe-state-'));
  const ui = await startWebUi({
    handle: agent.view,
    deps: fake.deps,
    stateDir,
    agentVersion: AGENT_VERSION,
    backends: [{ name: 'sysfs', availability: async () => ({ available: true }) }],
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const page = await browser.page(options.viewport);
  await page.goto(ui.url);
  return {
    agent,
    fake,
    ui,
    page,
    stateDir,
    async close() {
      await page.close();
      await ui.close();
      agent.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
