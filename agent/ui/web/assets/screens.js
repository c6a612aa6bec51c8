// The screens of the OOBE: one builder per screen of the agent's screen model (worded by the agent),
// and `renderScreen`, which redraws only when the model changed, keeping what was typed (never a
// password or token) and the focus.

import { $, api, h } from './dom.js';
import { manualForm } from './manual-forms.js';
import { tr } from './words.js';

let renderedKey = '';
/** What was typed in the manual forms (never a password or token), kept across screens (a failed attempt comes back). */
const typed = {};

function spinner() {
  return h('div', { class: 'spinner', 'aria-hidden': 'true' });
}

function errorDetails(error) {
  return [
    h('p', { class: 'lead', id: 'error-message' }, error.message),
    h('p', {}, tr('page.errorCode'), ' ', h('span', { class: 'code', id: 'error-code' }, error.code)),
    h('h2', {}, tr('page.whatToDo')),
    h(
      'ol',
      { class: 'steps', id: 'error-advice' },
      error.steps.map((s) => h('li', {}, s)),
    ),
  ];
}

function buttonAction(button, path) {
  button.disabled = true;
  void api(path).then((r) => {
    if (!r.ok) button.disabled = false;
  });
}

const SCREENS = {
  checking(m) {
    return [
      spinner(),
      h('h1', { tabindex: '-1' }, m.title),
      h('p', { class: 'lead', id: 'screen-message' }, m.message),
      m.detail ? h('p', { class: 'muted' }, m.detail) : null,
      m.retryNote ? h('p', { class: 'muted', id: 'retry-error' }, m.retryNote) : null,
    ];
  },
  offline(m) {
    return [h('h1', { tabindex: '-1' }, m.title), h('p', { class: 'lead', id: 'screen-message' }, m.message)];
  },
  enrolling(m) {
    return [
      spinner(),
      h('h1', { tabindex: '-1' }, m.title),
      h('p', { class: 'lead', id: 'screen-message' }, m.message),
    ];
  },
  enrolled(m) {
    return [
      h('div', { class: 'done-mark', 'aria-hidden': 'true' }, '✓'),
      h('h1', { tabindex: '-1' }, m.title),
      h('p', { class: 'big', id: 'managed-by' }, m.message),
      m.orgUnitText ? h('p', { class: 'muted', id: 'org-unit' }, m.orgUnitText) : null,
      m.detail ? h('p', { class: 'muted' }, m.detail) : null,
    ];
  },
  error(m) {
    const retry = h('button', { type: 'button', id: 'retry' }, tr('page.retry'));
    retry.addEventListener('click', () => buttonAction(retry, '/api/retry'));
    const manual = h(
      'button',
      { type: 'button', id: 'enroll-manually', class: 'secondary' },
      tr('page.enrollManually'),
    );
    manual.addEventListener('click', () => buttonAction(manual, '/api/enroll-manually'));
    return [
      h('h1', { tabindex: '-1' }, m.title),
      errorDetails(m.error),
      h('div', { class: 'actions' }, retry, manual),
    ];
  },
  manual(m) {
    const methods = m.manual.methods;
    const forms = [];
    methods.forEach((method, i) => {
      if (i > 0) forms.push(h('p', { class: 'or' }, tr('page.or')));
      forms.push(manualForm(method));
    });
    return [
      h('h1', { tabindex: '-1' }, m.title),
      h('p', { class: 'lead', id: 'manual-reason' }, m.manual.reasonText),
      m.manual.advice
        ? h(
            'ol',
            { class: 'steps', id: 'manual-advice', 'data-advice': m.manual.advice.code },
            m.manual.advice.steps.map((s) => h('li', {}, s)),
          )
        : null,
      m.error
        ? h(
            'div',
            { class: 'notice', role: 'alert', id: 'manual-error' },
            h(
              'p',
              {},
              h('strong', {}, tr('page.enrollmentFailed'), ' '),
              m.error.message,
              ' ',
              h('span', { class: 'code' }, m.error.code),
            ),
            h(
              'ul',
              { class: 'steps' },
              m.error.steps.map((s) => h('li', {}, s)),
            ),
          )
        : null,
      forms,
    ];
  },
};

/** Draws the screen model `m` (nothing when it is the one drawn); `previous` is the model drawn before. */
export function renderScreen(m, previous) {
  const { diagnosticsOpen: _open, ...rest } = m;
  const key = JSON.stringify(rest);
  if (key === renderedKey) return;
  const screenChanged = !previous || previous.screen !== m.screen;
  renderedKey = key;
  const main = $('screen');
  for (const input of main.querySelectorAll('input')) {
    if (input.type !== 'password' && input.name !== 'token') typed[input.id] = input.value;
  }
  const hadFocus = main.contains(document.activeElement) ? document.activeElement.id : null;
  main.replaceChildren(...SCREENS[m.screen](m).flat().filter(Boolean));
  main.dataset.screen = m.screen;
  main.dataset.state = m.state;
  for (const [id, value] of Object.entries(typed)) {
    const input = $(id);
    if (input) input.value = value;
  }
  $('device-line').textContent = m.deviceLine;
  document.title = m.documentTitle;
  if (!m.diagnosticsOpen) {
    const again = hadFocus ? $(hadFocus) : null;
    if (again && !screenChanged) again.focus();
    else if (screenChanged || !main.contains(document.activeElement)) main.querySelector('h1')?.focus();
  }
}
