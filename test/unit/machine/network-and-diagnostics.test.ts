import { describe, expect, it } from 'vitest';
import { LINK_POLL_MS } from '../../../agent/machine/delays.ts';
import { happyScript, startMachine } from '../../helpers/machine/index.ts';

describe('offline screen', () => {
  it('waits offline while the link is down, re-polls on its own, and goes on when it comes up', async () => {
    const h = startMachine({
      ...happyScript(),
      checkLink: [{ ok: { up: false } }, { ok: { up: false } }, { ok: { up: true } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('automatic.offline');
    await h.advance(LINK_POLL_MS);
    expect(h.flowState()).toBe('automatic.offline');
    expect(h.calls.checkLink).toHaveLength(2);
    h.actor.send({ type: 'NETWORK_UP' });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
  });
});

describe('Alt+V diagnostics region', () => {
  it('toggles from any flow state without disturbing the flow', async () => {
    const h = startMachine({ ...happyScript(), checkLink: [{ ok: { up: false } }] });
    await h.settle();
    const diagnostics = () => (h.actor.getSnapshot().value as { diagnostics: string }).diagnostics;
    expect(diagnostics()).toBe('closed');
    h.actor.send({ type: 'ALT_V' });
    expect(diagnostics()).toBe('open');
    expect(h.flowState()).toBe('automatic.offline');
    h.actor.send({ type: 'ALT_V' });
    expect(diagnostics()).toBe('closed');
    h.actor.send({ type: 'ALT_V' });
    h.actor.send({ type: 'CLOSE_DIAGNOSTICS' });
    expect(diagnostics()).toBe('closed');
  });
});
