import { CHROME_ROWS, SMART_ROWS } from '../scenarios/build.ts';
import type { ScenarioName } from '../scenarios/types.ts';

/** Agents booting at once by default (in-process, spread over the worker threads). */
export const DEFAULT_CONCURRENCY = 24;
/** Fleet size by default. */
export const DEFAULT_DEVICES = 100;

/** Devices `all-models` needs to boot every catalog row and every SMART series exactly once. */
export const ALL_MODELS_DEVICES = CHROME_ROWS.length + SMART_ROWS.length;

/**
 * Fleet size when `--devices` is not given: `all-models` means every model once (a default of 100
 * would silently leave most of the catalog unbooted); any other scenario, DEFAULT_DEVICES.
 */
export function defaultDevices(scenario: ScenarioName): number {
  return scenario === 'all-models' ? ALL_MODELS_DEVICES : DEFAULT_DEVICES;
}
