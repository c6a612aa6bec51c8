// What the rest of the agent reads of the machine: the flow state's path (for the history timeline,
// logs and the screen model) and what its tags and meta say (screen, settled, outcome, step). Nothing
// outside `agent/machine/` interprets state names: it reads a view, a live snapshot's or one derived
// from the machine definition for a path that was recorded (a history entry, a diagnostics bundle).

import type { SnapshotFrom, StateNode } from 'xstate';
import type { MessageKey } from '../i18n/catalogs/en.ts';
import { agentMachine } from './machine.ts';
import { type FlowOutcome, OUTCOMES, outcomeTag, SCREENS, type Screen, screenTag, type Tag } from './tags.ts';
import type { FlowMeta } from './types.ts';

export type AgentSnapshot = SnapshotFrom<typeof agentMachine>;

export interface FlowView {
  /** The flow region's state path, e.g. `automatic.determining`, `managed.idle`, `error`. */
  flowState: string;
  screen: Screen;
  /** A person (or `--ui none`) waits here: the boot has its answer. */
  settled: boolean;
  /** managed, manual or error for the states of those outcomes; null while the boot is under way. */
  outcome: FlowOutcome | null;
  /** On the checking screen: what the device is doing (a message key), when the state names one. */
  step: MessageKey | null;
  /** Every tag of the flow state (its own and its parents'). */
  tags: ReadonlySet<Tag>;
}

/** `automatic.backoff`, `managed.idle`, … from the machine's parallel snapshot value. */
export function flowStateOf(value: unknown): string {
  const parts: string[] = [];
  let node: unknown = (value as { flow?: unknown }).flow;
  while (node !== undefined && node !== null) {
    if (typeof node === 'string') {
      parts.push(node);
      break;
    }
    const first = Object.entries(node as Record<string, unknown>)[0];
    if (first === undefined) break;
    parts.push(first[0]);
    node = first[1];
  }
  return parts.join('.');
}

function viewOfTags(flowState: string, has: (tag: Tag) => boolean, meta: FlowMeta | undefined): FlowView {
  const tags = new Set<Tag>();
  const screen = SCREENS.find((s) => has(screenTag(s))) ?? 'checking';
  const outcome = OUTCOMES.find((o) => has(outcomeTag(o))) ?? null;
  for (const tag of ALL_FLOW_TAGS) if (has(tag)) tags.add(tag);
  return { flowState, screen, settled: has('settled'), outcome, step: meta?.step ?? null, tags };
}

/** The view of a live snapshot, from its tags and meta. */
export function view(snapshot: AgentSnapshot): FlowView {
  const flowState = flowStateOf(snapshot.value);
  const meta = Object.values(snapshot.getMeta()).find((m) => m?.step !== undefined);
  return viewOfTags(flowState, (tag) => snapshot.hasTag(tag), meta);
}

/** Whether the Alt+V diagnostics overlay is open. */
export function diagnosticsOpen(snapshot: AgentSnapshot): boolean {
  return snapshot.hasTag('diagnostics-open');
}

type AnyNode = StateNode<never, never>;

/** A leaf state of the flow region, as the machine definition declares it. */
export interface FlowLeaf {
  path: string;
  /** Its own tags and its parents'. */
  tags: readonly Tag[];
  meta: FlowMeta | undefined;
  node: AnyNode;
}

function flowRoot(): AnyNode {
  const flow = (agentMachine.root as unknown as AnyNode).states.flow;
  if (flow === undefined) throw new Error('the machine has no flow region');
  return flow;
}

function leavesOf(node: AnyNode, path: string[], inherited: readonly Tag[]): FlowLeaf[] {
  const tags = [...inherited, ...(node.tags as Tag[])];
  const children = Object.entries(node.states);
  if (children.length === 0)
    return [{ path: path.join('.'), tags, meta: node.meta as FlowMeta | undefined, node }];
  return children.flatMap(([name, child]) => leavesOf(child as AnyNode, [...path, name], tags));
}

/** Every leaf state of the flow region, from the machine definition. */
export const FLOW_LEAVES: readonly FlowLeaf[] = Object.entries(flowRoot().states).flatMap(([name, child]) =>
  leavesOf(child as AnyNode, [name], []),
);

const ALL_FLOW_TAGS: readonly Tag[] = [...new Set(FLOW_LEAVES.flatMap((l) => l.tags))];
const LEAF_BY_PATH = new Map(FLOW_LEAVES.map((leaf) => [leaf.path, leaf]));

/** The view of a recorded flow state path (a history entry, a bundle's `state`); null if no such leaf. */
export function describeFlowState(path: string): FlowView | null {
  const leaf = LEAF_BY_PATH.get(path);
  if (leaf === undefined) return null;
  return viewOfTags(path, (tag) => leaf.tags.includes(tag), leaf.meta);
}

/** The paths of the flow's leaf states that carry `tag`. */
export function flowStatesWithTag(tag: Tag): string[] {
  return FLOW_LEAVES.filter((leaf) => leaf.tags.includes(tag)).map((leaf) => leaf.path);
}

function onlyStateWithTag(tag: Tag): string {
  const [path, ...more] = flowStatesWithTag(tag);
  if (path === undefined || more.length > 0) throw new Error(`not exactly one flow state is tagged ${tag}`);
  return path;
}

/** The state in which a register request may be on its way (a kill point for fault campaigns). */
export const REGISTRATION_SENDING_STATE: string = onlyStateWithTag('registration-sending');

/** What a person can do in this state, as the machine says (the web UI's buttons and API). */
export function offers(snapshot: AgentSnapshot): {
  retry: boolean;
  enrollManually: boolean;
  manualEnroll: boolean;
} {
  return {
    retry: snapshot.can({ type: 'RETRY' }),
    enrollManually: snapshot.can({ type: 'ENROLL_MANUALLY' }),
    // The request is not looked at to decide whether the event is taken.
    manualEnroll: snapshot.can({ type: 'MANUAL_ENROLL', request: { method: 'enrollment-token', token: '' } }),
  };
}
