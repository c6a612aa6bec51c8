// `--scenario all-models` without `--devices` boots every catalog row and SMART series exactly once;
// every other scenario keeps the default fleet size, and an explicit `--devices` always wins.

import { describe, expect, it } from 'vitest';
import { CATALOG, SMART_DISPLAY_MODELS } from '../../agent/catalog/index.ts';
import { parseFleetArgs, type RunArgs } from '../../simulator/fleet/args.ts';
import { DEFAULT_DEVICES } from '../../simulator/fleet/defaults.ts';
import { planFleet } from '../../simulator/scenarios/index.ts';

const EVERY_MODEL = [...CATALOG, ...SMART_DISPLAY_MODELS].map((e) => e.name);

function run(argv: string[]): RunArgs {
  const args = parseFleetArgs(argv);
  if (args.command !== 'run') throw new Error(`expected run, got ${args.command}`);
  return args;
}

describe('fleet size by default', () => {
  it('all-models: one device per catalog row and SMART series, each model booted once', () => {
    const args = run(['--scenario', 'all-models']);
    expect(args.devices).toBe(EVERY_MODEL.length);
    const plans = planFleet({ scenario: args.scenario, seed: args.seed, devices: args.devices });
    expect(plans.map((p) => p.model).sort()).toEqual([...EVERY_MODEL].sort());
  });

  it('stub-seed sizes the same fleet, so a --server run matches its seed', () => {
    const args = parseFleetArgs(['stub-seed', '--scenario', 'all-models']);
    expect(args).toMatchObject({ command: 'stub-seed', devices: EVERY_MODEL.length });
  });

  it('other scenarios keep the default size; an explicit --devices always wins', () => {
    expect(run([]).devices).toBe(DEFAULT_DEVICES);
    expect(run(['--scenario', 'mixed']).devices).toBe(DEFAULT_DEVICES);
    expect(run(['--scenario', 'all-models', '--devices', '7']).devices).toBe(7);
  });
});
