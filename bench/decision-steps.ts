// `bench --steps`: where one decision's time goes, state by state. The same in-process boots as
// decisionMs; each row is the median time spent in a flow state (from entering it to entering the
// next), so a reader sees which request, file read or durable write bounds `decisionOverFloor`.

import { startAgent } from '../agent/runtime/agent.ts';
import { createDeviceDeps } from '../agent/runtime/create-deps.ts';
import { type BenchStub, preprovisionedDevices } from './fixtures.ts';
import { percentile } from './stats.ts';

export interface DecisionStep {
  /** The flow state, or `start` for the time before the first state is entered. */
  state: string;
  medianMs: number;
}

export async function measureDecisionSteps(bench: BenchStub, runs: number): Promise<DecisionStep[]> {
  const warmUp = 3;
  const devices = await preprovisionedDevices(bench, runs + warmUp, 2);
  const spent = new Map<string, number[]>();
  for (const [index, device] of devices.entries()) {
    const steps: Array<[string, number]> = [];
    let current = 'start';
    let enteredAt = performance.now();
    const agent = await startAgent(
      createDeviceDeps({ server: bench.url, root: device.root, stateDir: device.stateDir }),
      {
        onTransition: (state) => {
          const now = performance.now();
          steps.push([current, now - enteredAt]);
          current = state;
          enteredAt = now;
        },
      },
    );
    const outcome = await agent.settled;
    await agent.stop();
    if (outcome.outcome !== 'managed') throw new Error(`bench device did not enroll: ${outcome.reason}`);
    if (index < warmUp) continue;
    for (const [state, ms] of steps) spent.set(state, [...(spent.get(state) ?? []), ms]);
  }
  return [...spent].map(([state, times]) => ({ state, medianMs: percentile(times, 50) }));
}
