// The machine is the source of truth (issue 14): every flow state says its screen, whether a boot has
// its answer there and which outcome it belongs to, as tags and meta that the rest of the agent reads.
// These tests walk the machine definition, so a state added without its tags fails here.

import { describe, expect, it } from 'vitest';
import { en } from '../../../agent/i18n/index.ts';
import { OUTCOMES, SCREENS, type Tag } from '../../../agent/machine/tags.ts';
import {
  describeFlowState,
  FLOW_LEAVES,
  type FlowLeaf,
  flowStateOf,
  flowStatesWithTag,
  offers,
  REGISTRATION_SENDING_STATE,
  view,
} from '../../../agent/machine/view.ts';
import { ERROR_STATES } from '../../../agent/ui/web/screen-model.ts';
import { happyScript, registration, startMachine } from '../../helpers/machine/index.ts';

const screenTags = (leaf: FlowLeaf) => leaf.tags.filter((t) => t.startsWith('screen:'));
const outcomeTags = (leaf: FlowLeaf) => leaf.tags.filter((t) => t.startsWith('outcome:'));
const has = (leaf: FlowLeaf, tag: Tag) => leaf.tags.includes(tag);
const invokes = (leaf: FlowLeaf) => leaf.node.invoke.map((i) => i.src);
const transient = (leaf: FlowLeaf) => (leaf.node.always?.length ?? 0) > 0;
const handles = (leaf: FlowLeaf, event: string) => Object.hasOwn(leaf.node.on, event);

describe('the tags and meta of the flow states', () => {
  it('walks a machine with leaf states', () => {
    expect(FLOW_LEAVES.length).toBeGreaterThan(10);
    expect(new Set(FLOW_LEAVES.map((l) => l.path)).size).toBe(FLOW_LEAVES.length);
  });

  it('every leaf of the flow shows exactly one screen, and every screen is shown somewhere', () => {
    for (const leaf of FLOW_LEAVES) expect(screenTags(leaf), leaf.path).toHaveLength(1);
    const shown = new Set(FLOW_LEAVES.flatMap(screenTags));
    expect([...shown].sort()).toEqual(SCREENS.map((s) => `screen:${s}`).sort());
  });

  it('every leaf belongs to at most one outcome, and every outcome has a settled state', () => {
    for (const leaf of FLOW_LEAVES) expect(outcomeTags(leaf).length, leaf.path).toBeLessThanOrEqual(1);
    for (const outcome of OUTCOMES) {
      const settled = FLOW_LEAVES.filter((l) => has(l, `outcome:${outcome}`) && has(l, 'settled'));
      expect(settled.length, outcome).toBeGreaterThan(0);
    }
  });

  it('a settled state is one a person can sit on: an outcome, a screen with an answer, nothing running', () => {
    const settled = FLOW_LEAVES.filter((l) => has(l, 'settled'));
    expect(settled.length).toBeGreaterThan(0);
    for (const leaf of settled) {
      expect(outcomeTags(leaf), leaf.path).toHaveLength(1);
      expect(['screen:enrolled', 'screen:manual', 'screen:error', 'screen:clock'], leaf.path).toContain(
        screenTags(leaf)[0],
      );
      expect(transient(leaf), `${leaf.path} leaves at once`).toBe(false);
      expect(invokes(leaf), `${leaf.path} runs an actor`).toEqual([]);
    }
  });

  it('the states a boot cannot end on are not settled: transient ones and those running an actor', () => {
    for (const leaf of FLOW_LEAVES.filter((l) => transient(l) || l.node.invoke.length > 0)) {
      expect(has(leaf, 'settled'), leaf.path).toBe(false);
    }
  });

  it('the error and clock screens (and only they) offer Retry and "Enroll manually"', () => {
    for (const leaf of FLOW_LEAVES) {
      const errorScreen = has(leaf, 'screen:error') || has(leaf, 'screen:clock');
      expect(handles(leaf, 'RETRY'), leaf.path).toBe(errorScreen);
      expect(handles(leaf, 'ENROLL_MANUALLY'), leaf.path).toBe(errorScreen);
    }
    expect(ERROR_STATES).toEqual(
      new Set([...flowStatesWithTag('screen:error'), ...flowStatesWithTag('screen:clock')]),
    );
  });

  it('only the settled manual screen takes a manual enrollment', () => {
    for (const leaf of FLOW_LEAVES) {
      expect(handles(leaf, 'MANUAL_ENROLL'), leaf.path).toBe(
        has(leaf, 'screen:manual') && has(leaf, 'settled'),
      );
    }
  });

  it('a checking state names its step (a message the catalogs have), or says it waits to retry', () => {
    for (const leaf of FLOW_LEAVES) {
      if (has(leaf, 'screen:checking')) {
        expect(leaf.meta?.step !== undefined || has(leaf, 'retrying'), leaf.path).toBe(true);
        if (leaf.meta?.step !== undefined) expect(Object.keys(en), leaf.path).toContain(leaf.meta.step);
      } else {
        expect(leaf.meta?.step, leaf.path).toBeUndefined();
      }
    }
  });

  it('the activity tags sit on the states that do that activity', () => {
    const by = (src: string) => FLOW_LEAVES.filter((l) => invokes(l).includes(src)).map((l) => l.path);
    expect(flowStatesWithTag('registration-sending')).toEqual(by('registerDevice'));
    expect(flowStatesWithTag('registration-checkpoint')).toEqual(by('checkpoint'));
    expect(flowStatesWithTag('attesting')).toEqual(by('checkAttestation'));
    expect(flowStatesWithTag('fetching-policy')).toEqual(by('fetchPolicy'));
    expect([REGISTRATION_SENDING_STATE]).toEqual(by('registerDevice'));
    // Retrying waits for a delay and runs nothing; it is on the checking screen.
    for (const path of flowStatesWithTag('retrying')) {
      const leaf = FLOW_LEAVES.find((l) => l.path === path);
      expect(leaf && invokes(leaf), path).toEqual([]);
      expect(describeFlowState(path)?.screen).toBe('checking');
    }
  });

  it('every state that asks the server is in the automatic check; none before the clock is judged is', () => {
    const server = [
      'fetchEnrollmentState',
      'registerDevice',
      'checkAttestation',
      'smartCheckin',
      'smartEnroll',
    ];
    const asking = FLOW_LEAVES.filter((l) =>
      invokes(l).some((src) => typeof src === 'string' && server.includes(src)),
    ).map((l) => l.path);
    expect(asking.length).toBeGreaterThan(3);
    for (const path of asking) expect(flowStatesWithTag('automatic-check'), path).toContain(path);
    for (const path of ['booting', 'readingIdentity', 'checkingEligibility', 'checkingClock', 'clockWrong'])
      expect(describeFlowState(path)?.tags.has('automatic-check'), path).toBe(false);
  });

  it('an unknown path has no view', () => {
    expect(describeFlowState('no.such.state')).toBeNull();
  });
});

describe('the view of a running machine', () => {
  it('agrees, at every state of a boot, with the view the definition gives for its path', async () => {
    const run = startMachine(happyScript());
    const seen: string[] = [];
    const check = () => {
      const snapshot = run.actor.getSnapshot();
      const live = view(snapshot);
      seen.push(live.flowState);
      expect(live.flowState).toBe(flowStateOf(snapshot.value));
      expect(live).toEqual(describeFlowState(live.flowState));
    };
    check();
    const sub = run.actor.subscribe(check);
    await run.reach({ tag: 'settled' });
    sub.unsubscribe();
    const end = view(run.actor.getSnapshot());
    expect(end).toMatchObject({ screen: 'enrolled', settled: true, outcome: 'managed' });
    expect(seen).toContain(REGISTRATION_SENDING_STATE);
    expect(offers(run.actor.getSnapshot())).toEqual({
      retry: false,
      enrollManually: false,
      manualEnroll: false,
    });
    run.stop();
  });

  it('the error screen offers Retry and "Enroll manually"; the manual screen, manual enrollment', async () => {
    const run = startMachine({
      ...happyScript(),
      registerDevice: [{ error: { code: 'missing-licenses', httpStatus: 402 } }],
    });
    await run.reach({ tag: 'settled' });
    expect(view(run.actor.getSnapshot())).toMatchObject({ screen: 'error', outcome: 'error' });
    expect(offers(run.actor.getSnapshot())).toEqual({
      retry: true,
      enrollManually: true,
      manualEnroll: false,
    });
    await run.send({ type: 'ENROLL_MANUALLY' });
    expect(view(run.actor.getSnapshot())).toMatchObject({
      screen: 'manual',
      settled: true,
      outcome: 'manual',
    });
    expect(offers(run.actor.getSnapshot())).toEqual({
      retry: false,
      enrollManually: false,
      manualEnroll: true,
    });
    run.stop();
  });
});

describe('registration in flight, in the context', () => {
  const inFlightAfter = async (error: { code: string; httpStatus?: number }) => {
    const run = startMachine({ ...happyScript(), registerDevice: [{ error }] });
    await run.reach({ tag: 'settled' });
    const value = run.actor.getSnapshot().context.registrationInFlight;
    run.stop();
    return value;
  };

  it('is false before the checkpoint, true from it while the request may be on its way', async () => {
    const run = startMachine({ ...happyScript(), registerDevice: [{ hold: true }] });
    expect(run.actor.getSnapshot().context.registrationInFlight).toBe(false);
    await run.reach({ tag: 'registration-sending' });
    expect(run.actor.getSnapshot().context.registrationInFlight).toBe(true);
    run.release('registerDevice', { ok: registration() });
    await run.reach({ tag: 'settled' });
    expect(run.actor.getSnapshot().context.registrationInFlight).toBe(false);
    run.stop();
  });

  it('a verdict of the server (a status) settles it; a failure without one leaves it in flight', async () => {
    expect(await inFlightAfter({ code: 'missing-licenses', httpStatus: 402 })).toBe(false);
    expect(await inFlightAfter({ code: 'device-not-found', httpStatus: 410 })).toBe(false);
    const run = startMachine({ ...happyScript(), registerDevice: [{ error: { code: 'network' } }] });
    await run.reach({ tag: 'retrying' });
    expect(run.actor.getSnapshot().context.registrationInFlight).toBe(true);
    run.stop();
  });

  it('starts as the boot says', () => {
    const retry = startMachine(happyScript(), { kind: 'retry-registration', reregister: true });
    expect(retry.actor.getSnapshot().context.registrationInFlight).toBe(true);
    retry.stop();
    const fresh = startMachine({ readIdentity: [{ hold: true }] });
    expect(fresh.actor.getSnapshot().context.registrationInFlight).toBe(false);
    fresh.stop();
  });
});
