// Counting a campaign's runs: each run collects problems of four kinds; the tally turns them into
// the CampaignResult figures (a run passes when it has no problem at all).

import type { CampaignResult } from '../types.ts';

export type ProblemKind = 'double-consumed' | 'lost' | 'crash' | 'wrong';

export interface Problem {
  kind: ProblemKind;
  detail: string;
  /** How many licences or devices the problem stands for (default 1). */
  count?: number;
}

/** What one run observed. */
export class Verdict {
  readonly problems: Problem[] = [];

  /** Records `detail` as a problem of `kind` unless `ok`. Returns `ok`. */
  check(ok: boolean, kind: ProblemKind, detail: string): boolean {
    if (!ok) this.problems.push({ kind, detail });
    return ok;
  }

  add(kind: ProblemKind, detail: string, count = 1): void {
    this.problems.push({ kind, detail, count });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }
}

const MAX_FAILURES_KEPT = 12;

export class Tally {
  private runs = 0;
  private passed = 0;
  private doubleConsumed = 0;
  private lost = 0;
  private crashes = 0;
  private readonly failures: string[] = [];
  readonly figures: Record<string, number | string> = {};
  private readonly started = Date.now();

  constructor(
    readonly name: string,
    private readonly log?: (line: string) => void,
  ) {}

  record(label: string, verdict: Verdict): void {
    this.runs += 1;
    if (verdict.ok) {
      this.passed += 1;
      return;
    }
    this.count(verdict);
    this.keep(label, verdict);
  }

  /** Runs `body` as one run; a harness exception is a failed run, never a crashed campaign. */
  async run(label: string, body: (v: Verdict) => Promise<void>): Promise<Verdict> {
    const verdict = new Verdict();
    try {
      await body(verdict);
    } catch (error) {
      verdict.add(
        'wrong',
        `harness: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    this.record(label, verdict);
    return verdict;
  }

  /**
   * Problems found outside any run (a ledger check over the whole customer at the end): counted in
   * the figures and as one extra failure, without adding a run.
   */
  global(label: string, verdict: Verdict): void {
    if (verdict.ok) return;
    this.globalFailures += 1;
    this.count(verdict);
    this.keep(label, verdict);
  }

  private globalFailures = 0;

  private count(verdict: Verdict): void {
    for (const p of verdict.problems) {
      const n = p.count ?? 1;
      if (p.kind === 'double-consumed') this.doubleConsumed += n;
      else if (p.kind === 'lost') this.lost += n;
      else if (p.kind === 'crash') this.crashes += n;
    }
  }

  private keep(label: string, verdict: Verdict): void {
    const line = `${label}: ${verdict.problems.map((p) => `[${p.kind}] ${p.detail}`).join('; ')}`.slice(
      0,
      800,
    );
    if (this.failures.length < MAX_FAILURES_KEPT) this.failures.push(line);
    this.log?.(`${this.name}: FAILED ${line}`);
  }

  result(): CampaignResult {
    return {
      name: this.name,
      runs: this.runs,
      passed: this.passed,
      failed: this.runs - this.passed + this.globalFailures,
      licencesDoubleConsumed: this.doubleConsumed,
      devicesLost: this.lost,
      crashes: this.crashes,
      durationMs: Date.now() - this.started,
      figures: this.figures,
      failures: this.failures,
    };
  }
}

/** Runs `tasks` with at most `limit` at a time, in order of start. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i] as T;
      await task(item, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
