// The contract every chaos campaign implements (issue 7): `run(options)` → a CampaignResult, used by
// the `npm run -s chaos` CLI (simulator/chaos/main.ts) and by the small CI tests in test/chaos/.

export interface CampaignOptions {
  /**
   * The size knob of `--runs` (default 200). Each campaign derives its own number of runs from it
   * (the device kill campaign runs exactly this many SIGKILL runs; slower campaigns fewer).
   */
  runs: number;
  /** Every random choice of a campaign (devices, kill moments, faults) derives from it. */
  seed: number;
  /** A scratch directory the campaign may fill (device trees, state dirs, databases). */
  workDir: string;
  /** Shared, lazily built resources (the agent bundle). */
  shared: SharedResources;
  /** Progress lines for people (stderr in the CLI); never parsed. */
  log?: (line: string) => void;
}

export interface SharedResources {
  /** The built device bundle's entry (`node main.js run …`), built once per chaos run. */
  agentBundle(): Promise<string>;
}

export interface CampaignResult {
  name: string;
  runs: number;
  passed: number;
  failed: number;
  /** Licences consumed beyond one per device enrolled with a licence. */
  licencesDoubleConsumed: number;
  /** Devices that did not end where they must (not MANAGED, half-enrolled, stuck, lost licence). */
  devicesLost: number;
  /** Agent (or stub) processes that died by themselves, exit 1, internal errors, uncaught exceptions. */
  crashes: number;
  durationMs: number;
  /** Campaign-specific figures (kill count, peak RSS, …), for the summary and the README. */
  figures: Record<string, number | string>;
  /** The first failures, in words. */
  failures: string[];
}

export interface Campaign {
  name: string;
  /** One line: what is done and what must hold. */
  description: string;
  run(options: CampaignOptions): Promise<CampaignResult>;
}
