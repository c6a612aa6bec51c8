// Shared by the CI versions of the chaos campaigns: one scratch workspace per test file, and the
// assertions every campaign result must pass.

import { expect } from 'vitest';
import { type ChaosWorkspace, createWorkspace } from '../../simulator/chaos/shared.ts';
import type { CampaignOptions, CampaignResult } from '../../simulator/chaos/types.ts';

export const SEED = 7;

export async function workspace(): Promise<ChaosWorkspace> {
  return createWorkspace('zte-chaos-ci-');
}

export function options(ws: ChaosWorkspace, runs: number): CampaignOptions {
  return { runs, seed: SEED, workDir: ws.dir, shared: ws.shared };
}

/** Nothing lost, nothing consumed twice, nothing crashed, every run passed (failures shown on error). */
export function expectClean(result: CampaignResult, minRuns: number): void {
  expect(result.failures, result.failures.join('\n')).toEqual([]);
  expect(result).toMatchObject({ failed: 0, licencesDoubleConsumed: 0, devicesLost: 0, crashes: 0 });
  expect(result.runs).toBeGreaterThanOrEqual(minRuns);
  expect(result.passed).toBe(result.runs);
}
