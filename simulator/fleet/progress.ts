// Progress on stderr: a cli-progress bar on a terminal, a plain line every tenth of the fleet (and one
// per failure) otherwise, so CI logs stay readable.

import cliProgress from 'cli-progress';
import type { DeviceResult } from './types.ts';

export interface Progress {
  update(result: DeviceResult, done: number): void;
  /** A line of its own, above the bar on a terminal. */
  log(line: string): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let passed = 0;
  let failed = 0;
  const started = performance.now();
  const rate = (done: number) => (done / Math.max(0.001, (performance.now() - started) / 1000)).toFixed(1);
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'fleet |{bar}| {value}/{total} devices | {passed} passed, {failed} failed | {rate}/s | {duration_formatted}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { passed, failed, rate: '0.0' });
    return {
      update(result, done) {
        if (result.passed) passed += 1;
        else failed += 1;
        bar.update(done, { passed, failed, rate: rate(done) });
      },
      log(line) {
        stream.write(`\r\x1b[K${line}\n`);
        bar.render();
      },
      stop: () => bar.stop(),
    };
  }
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    update(result, done) {
      if (result.passed) passed += 1;
      else {
        failed += 1;
        stream.write(
          `fleet: ${result.id} did not meet its expectation (${result.actual ? `${result.actual.outcome}/${result.actual.reason ?? '-'}` : (result.error ?? 'no outcome')})\n`,
        );
      }
      if (done % step === 0 || done === total)
        stream.write(
          `fleet: ${done}/${total} devices, ${passed} passed, ${failed} failed, ${rate(done)}/s\n`,
        );
    },
    log: (line) => stream.write(`${line}\n`),
    stop: () => undefined,
  };
}
