// The terminal UI (`--ui terminal`, also what a serial console shows): the same screens as the web
// OOBE in text, the diagnostics overlay while the machine has it open, prompts for manual enrollment.
// The machine stays the single source of truth: this only renders snapshots and sends events. Keys
// come from the HAL's terminal source (one parser, one reader of the terminal); Alt+V is not among
// them: every keyboard's Alt+V, this terminal's included, reaches the machine through the keyboard hub.
// Language: `l` switches between French and English on any screen without a text prompt (and as the
// answer of the r/m and 1/2 choices); the choice is shared with the web page and remembered.

import type { TerminalKeys } from '../../../hal/interface.ts';
import type { DiagnosticsService } from '../../diagnostics/service.ts';
import { fixedLocaleSetting, type LocaleSetting, translate } from '../../i18n/index.ts';
import { GMAIL_ADMIN_CODE, isGmailAdminAccount } from '../../identity/admin-account.ts';
import type { ManualEnrollRequest } from '../../machine/types.ts';
import type { AgentActor, AgentSnapshot } from '../../runtime/agent.ts';
import { type ScreenModel, screenModelOf } from '../web/screen-model.ts';
import { otherLocale, otherLocaleName, renderDiagnostics, renderScreen } from './render.ts';

type Prompt =
  | { kind: 'error-choice' }
  | { kind: 'manual-choice' }
  | { kind: 'email' }
  | { kind: 'password'; email: string }
  | { kind: 'token' }
  | { kind: 'domain' };

export interface TerminalUiOptions {
  actor: AgentActor;
  diagnostics: DiagnosticsService;
  /** The terminal's keys (the HAL's terminal source; it handles Ctrl+C itself). */
  keys: TerminalKeys;
  output: { write(text: string): unknown };
  /** The screens' language, shared with the web UI (`AgentHandle.locale`); English when absent. */
  locale?: LocaleSetting;
}

export function startTerminalUi(options: TerminalUiOptions): { close(): void } {
  const { actor, output } = options;
  const locale = options.locale ?? fixedLocaleSetting();
  let prompt: Prompt | null = null;
  const promptText = (kind: Prompt['kind']): string =>
    translate(locale.get(), `terminal.prompt.${kind}`, { other: otherLocaleName(locale.get()) });
  const switchLanguage = () => locale.choose(otherLocale(locale.get()));
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
    const model = screenModelOf(snapshot, locale.get());
    if (model.diagnosticsOpen !== overlayOpen) {
      overlayOpen = model.diagnosticsOpen;
      if (overlayOpen) {
        const shownIn = locale.get();
        void options.diagnostics.collect().then(
          (d) => output.write(`\n${renderDiagnostics(d, shownIn)}`),
          (e: unknown) =>
            output.write(`\n${translate(shownIn, 'terminal.diagUnavailable', { detail: String(e) })}\n`),
        );
        return;
      }
      shown = '';
    }
    if (overlayOpen) return;
    const next = promptFor(model);
    if (next?.kind !== prompt?.kind) line = '';
    prompt = next;
    // Without a prompt `l` switches the language; the r/m and 1/2 prompts name it themselves.
    const text = renderScreen(model, null, prompt === null);
    if (text === shown) return;
    shown = text;
    output.write(`\n${text}${prompt ? promptText(prompt.kind) : ''}`);
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
        else if (value === 'l') switchLanguage();
        else output.write(promptText('error-choice'));
        return;
      case 'manual-choice':
        if (value === 'l') {
          switchLanguage();
          return;
        }
        prompt = value === '1' ? { kind: 'email' } : value === '2' ? { kind: 'token' } : prompt;
        output.write(promptText(prompt.kind));
        return;
      case 'email':
        if (isGmailAdminAccount(value)) {
          const refusal = translate(locale.get(), 'form.gmail-admin-account');
          output.write(`${refusal} (${GMAIL_ADMIN_CODE})\n${promptText('email')}`);
          return;
        }
        prompt = { kind: 'password', email: value };
        output.write(promptText('password'));
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
        if (overlayOpen) break;
        if (prompt === null) {
          if (key.char === 'l' || key.char === 'L') switchLanguage();
          break;
        }
        line += key.char;
        output.write(prompt.kind === 'password' ? '*' : key.char);
        break;
    }
  });
  const subscription = actor.subscribe(show);
  // Another language, from here, the web page or the device's VPD: the screen again, in it.
  const stopLocale = locale.subscribe(() => {
    shown = '';
    if (!overlayOpen) show(actor.getSnapshot());
  });
  show(actor.getSnapshot());
  return {
    close() {
      subscription.unsubscribe();
      stopLocale();
      stopKeys();
    },
  };
}
