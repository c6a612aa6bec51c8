// The terminal UI (`--ui terminal`, also what a serial console shows): the same screens as the web
// OOBE in text, the diagnostics overlay while the machine has it open, prompts for manual enrollment.
// The machine stays the single source of truth: this only renders snapshots and sends events. Keys
// come from the HAL's terminal source (one parser, one reader of the terminal); Alt+V is not among
// them: every keyboard's Alt+V, this terminal's included, reaches the machine through the keyboard hub.

import type { TerminalKeys } from '../../../hal/interface.ts';
import type { DiagnosticsService } from '../../diagnostics/service.ts';
import { GMAIL_ADMIN_CODE, GMAIL_ADMIN_MESSAGE, isGmailAdminAccount } from '../../identity/admin-account.ts';
import type { ManualEnrollRequest } from '../../machine/types.ts';
import type { AgentActor, AgentSnapshot } from '../../runtime/agent.ts';
import { type ScreenModel, screenModelOf } from '../web/screen-model.ts';
import { renderDiagnostics, renderScreen } from './render.ts';

type Prompt =
  | { kind: 'error-choice' }
  | { kind: 'manual-choice' }
  | { kind: 'email' }
  | { kind: 'password'; email: string }
  | { kind: 'token' }
  | { kind: 'domain' };

const PROMPT_TEXT: Record<Prompt['kind'], string> = {
  'error-choice': 'Type r then Enter to retry, or m then Enter to enroll manually: ',
  'manual-choice': 'Type 1 then Enter to sign in as an administrator, or 2 to use an enrollment token: ',
  email: 'Administrator e-mail: ',
  password: 'Password: ',
  token: 'Enrollment token: ',
  domain: 'SMART Remote Management domain name: ',
};

export interface TerminalUiOptions {
  actor: AgentActor;
  diagnostics: DiagnosticsService;
  /** The terminal's keys (the HAL's terminal source; it handles Ctrl+C itself). */
  keys: TerminalKeys;
  output: { write(text: string): unknown };
}

export function startTerminalUi(options: TerminalUiOptions): { close(): void } {
  const { actor, output } = options;
  let prompt: Prompt | null = null;
  let line = '';
  let shown = '';
  let overlayOpen = false;

  const promptFor = (model: ScreenModel): Prompt | null => {
    if (model.screen === 'error') return { kind: 'error-choice' };
    if (model.screen !== 'manual') return null;
    if (prompt && prompt.kind !== 'error-choice') return prompt;
    return model.device.kind === 'smart-display' ? { kind: 'domain' } : { kind: 'manual-choice' };
  };

  const show = (snapshot: AgentSnapshot) => {
    const model = screenModelOf(snapshot);
    if (model.diagnosticsOpen !== overlayOpen) {
      overlayOpen = model.diagnosticsOpen;
      if (overlayOpen) {
        void options.diagnostics.collect().then(
          (d) => output.write(`\n${renderDiagnostics(d)}`),
          (e: unknown) => output.write(`\nDiagnostics unavailable: ${String(e)}\n`),
        );
        return;
      }
      shown = '';
    }
    if (overlayOpen) return;
    const next = promptFor(model);
    if (next?.kind !== prompt?.kind) line = '';
    prompt = next;
    const text = renderScreen(model, null);
    if (text === shown) return;
    shown = text;
    output.write(`\n${text}${prompt ? PROMPT_TEXT[prompt.kind] : ''}`);
  };

  const enroll = (request: ManualEnrollRequest) => {
    prompt = null;
    actor.send({ type: 'MANUAL_ENROLL', request });
  };

  const submit = (text: string) => {
    const value = text.trim();
    switch (prompt?.kind) {
      case 'error-choice':
        if (value === 'r') actor.send({ type: 'RETRY' });
        else if (value === 'm') actor.send({ type: 'ENROLL_MANUALLY' });
        else output.write(PROMPT_TEXT['error-choice']);
        return;
      case 'manual-choice':
        prompt = value === '1' ? { kind: 'email' } : value === '2' ? { kind: 'token' } : prompt;
        output.write(PROMPT_TEXT[prompt.kind]);
        return;
      case 'email':
        if (isGmailAdminAccount(value)) {
          output.write(`${GMAIL_ADMIN_MESSAGE} (${GMAIL_ADMIN_CODE})\n${PROMPT_TEXT.email}`);
          return;
        }
        prompt = { kind: 'password', email: value };
        output.write(PROMPT_TEXT.password);
        return;
      case 'password':
        enroll({ method: 'credentials', email: prompt.email, password: text });
        return;
      case 'token':
        enroll({ method: 'enrollment-token', token: value });
        return;
      case 'domain':
        enroll({ method: 'smart-domain', domain: value });
        return;
      case undefined:
        return;
    }
  };

  const stopKeys = options.keys.onKey((key) => {
    switch (key.kind) {
      case 'escape':
        if (overlayOpen) actor.send({ type: 'CLOSE_DIAGNOSTICS' });
        break;
      case 'alt-v': // never forwarded: it reaches the machine through the keyboard hub
      case 'interrupt': // the terminal source raises SIGINT
        break;
      case 'backspace':
        if (line.length > 0) {
          line = line.slice(0, -1);
          output.write('\b \b');
        }
        break;
      case 'enter': {
        const text = line;
        line = '';
        output.write('\n');
        submit(text);
        break;
      }
      case 'char':
        if (prompt === null || overlayOpen) break;
        line += key.char;
        output.write(prompt.kind === 'password' ? '*' : key.char);
        break;
    }
  });
  const subscription = actor.subscribe(show);
  show(actor.getSnapshot());
  return {
    close() {
      subscription.unsubscribe();
      stopKeys();
    },
  };
}
