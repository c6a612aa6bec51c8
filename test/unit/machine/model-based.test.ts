// Model-based tests (issue 4, item 7): @xstate/graph walks the pure model (./model/model.ts);
// every path is replayed on the REAL machine (actor outcomes, SimulatedClock advances, sent events)
// and after every step the real flow state and context must be what the model says.
//
// Paths: the model's snapshots are told apart by their state and the context its guards read
// (isSmart, reregister, retryStep, enrolled). For every edge of that graph, the shortest path to its source
// plus the edge; paths that are a prefix of another are dropped (each step is checked anyway).

import { getAdjacencyMap, getShortestPaths, getStateNodes } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { classifyCode } from '../../../agent/machine/classify.ts';
import type { MachineRun } from '../../helpers/machine/index.ts';
import { agentModel } from './model/model.ts';
import { type ModelSnapshot, planPath } from './model/plan.ts';
import { observe, perform } from './model/replay.ts';
import {
  type ErrorOutcomeType,
  type ModelEvent,
  modelStateOf,
  OUTCOME_ERROR_CODES,
  REAL_FLOW_STATE,
} from './model/vocabulary.ts';

type Step = { event: ModelEvent; state: ModelSnapshot };

const guardKey = (snapshot: ModelSnapshot) => {
  const { isSmart, reregister, retryStep, enrolled } = snapshot.context;
  return JSON.stringify({ value: snapshot.value, isSmart, reregister, retryStep, enrolled });
};
const traversal = { serializeState: guardKey };
const [initial] = initialTransition(agentModel);

/**
 * The graph's steps hold one snapshot per key, not necessarily the one the path's events lead to, so
 * each path is replayed on the model; the key of every replayed snapshot must be the graph's.
 */
function replay(events: ReadonlyArray<Step>): Step[] {
  let state = initial;
  return events.map(({ event, state: graphState }) => {
    [state] = transition(agentModel, state, event);
    if (guardKey(state) !== guardKey(graphState)) throw new Error(`replay left the graph at ${event.type}`);
    return { event, state };
  });
}

function generatePaths(): Step[][] {
  // Shortest paths carry an `xstate.init` first step holding the initial snapshot: drop it.
  const shortest = new Map(
    getShortestPaths(agentModel, traversal).map((path) => [
      guardKey(path.state),
      path.steps.slice(1) as Step[],
    ]),
  );
  const candidates: Step[][] = [];
  for (const [key, node] of Object.entries(getAdjacencyMap(agentModel, traversal))) {
    const prefix = shortest.get(key);
    if (prefix === undefined) throw new Error(`no shortest path to ${key}`);
    for (const edge of Object.values(node.transitions) as Step[]) candidates.push([...prefix, edge]);
  }
  const names = candidates.map((path) => path.map((s) => s.event.type).join(' → '));
  // Longest first; a path whose events start another kept path adds nothing.
  const order = names.map((_, i) => i).sort((a, b) => (names[b]?.length ?? 0) - (names[a]?.length ?? 0));
  const kept: number[] = [];
  for (const i of order) {
    const name = names[i] ?? '';
    if (!kept.some((k) => (names[k] ?? '') === name || (names[k] ?? '').startsWith(`${name} → `)))
      kept.push(i);
  }
  return kept
    .sort((a, b) => (names[a] ?? '').localeCompare(names[b] ?? ''))
    .map((i) => replay(candidates[i] ?? []));
}

/** Every (state, event, target state) the model's definition has, the targets resolved to leaves. */
function modelTransitions(): Set<string> {
  type Node = ReturnType<typeof getStateNodes>[number];
  const leafOf = (node: Node): Node => {
    let leaf = node;
    while (leaf.type === 'compound') {
      const next = leaf.initial.target[0];
      if (next === undefined) break;
      leaf = next;
    }
    return leaf;
  };
  const name = (node: Node) => node.path.join('.');
  const edges = new Set<string>();
  for (const node of getStateNodes(agentModel.root)) {
    if (node.type !== 'atomic' && node.type !== 'final') continue;
    for (let n: Node | undefined = node; n !== undefined; n = n.parent) {
      for (const [eventType, definitions] of n.transitions) {
        for (const definition of definitions) {
          for (const target of definition.target ?? [node]) {
            edges.add(`${name(node)} --${eventType}--> ${name(leafOf(target))}`);
          }
        }
      }
    }
  }
  return edges;
}

const paths = generatePaths();
const cases = paths.map((steps): [string, Step[]] => [steps.map((s) => s.event.type).join(' → '), steps]);

describe('model-based: the real machine follows the pure model', () => {
  it('has a manageable number of paths', () => {
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.length).toBeLessThan(300);
  });

  it('visits every state node of the model', () => {
    const visited = new Set(
      paths.flatMap((steps) => [initial, ...steps.map((s) => s.state)].map((s) => modelStateOf(s.value))),
    );
    const unvisited = getStateNodes(agentModel.root)
      .map((node) => node.path.join('.'))
      .filter((path) => ![...visited].some((v) => v === path || v.startsWith(`${path}.`)));
    expect(unvisited).toEqual([]);
    expect([...visited].sort()).toEqual(Object.keys(REAL_FLOW_STATE).sort());
  });

  it('takes every transition of the model', () => {
    const taken = new Set(
      paths.flatMap((steps) =>
        steps.map(
          (s, i) =>
            `${modelStateOf((steps[i - 1]?.state ?? initial).value)} --${s.event.type}--> ${modelStateOf(s.state.value)}`,
        ),
      ),
    );
    const defined = modelTransitions();
    expect([...defined].filter((edge) => !taken.has(edge))).toEqual([]);
    expect([...taken].filter((edge) => !defined.has(edge))).toEqual([]);
  });

  it('stands each error outcome for a code of the class its name says', () => {
    for (const [type, code] of Object.entries(OUTCOME_ERROR_CODES) as Array<[ErrorOutcomeType, string]>) {
      const expected = type.endsWith('_RETRYABLE')
        ? 'retryable'
        : type.endsWith('_UNTRUSTED') || type.endsWith('_NOT_YET_VALID')
          ? 'untrusted-server'
          : type.endsWith('_NOT_FOUND')
            ? 'terminal-for-zte'
            : 'actionable';
      expect({ type, class: classifyCode(code) }).toEqual({ type, class: expected });
    }
  });

  it.each(cases)('%s', async (_name, steps) => {
    let run: MachineRun | null = null;
    for (const [i, step] of planPath(initial, steps).entries()) {
      run = await perform(run, step.stimulus);
      expect(observe(run), `after step ${i + 1} (${step.event})`).toEqual(step.expected);
    }
    run?.actor.stop();
  });
});
