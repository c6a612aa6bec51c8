// The manual enrollment forms (credentials, enrollment token, SMART domain): their fields, and their
// submission to `POST /api/manual-enroll` with the server's refusal shown beside the field at fault.

import { api, h } from './dom.js';
import { tr } from './words.js';

function field(id, label, input, help) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    help ? h('span', { class: 'help', id: `${id}-help` }, help) : null,
  );
}

export function manualForm(method) {
  const status = h('p', { class: 'form-error', role: 'alert', id: `form-${method}-error` });
  let inputs;
  let heading;
  let submit;
  if (method === 'credentials') {
    heading = tr('page.form.credentials.heading');
    submit = tr('page.form.credentials.submit');
    inputs = [
      field(
        'manual-email',
        tr('page.form.email'),
        h('input', {
          id: 'manual-email',
          name: 'email',
          type: 'email',
          autocomplete: 'username',
          required: true,
        }),
      ),
      field(
        'manual-password',
        tr('page.form.password'),
        h('input', {
          id: 'manual-password',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
        }),
      ),
    ];
  } else if (method === 'enrollment-token') {
    heading = tr('page.form.token.heading');
    submit = tr('page.form.token.submit');
    inputs = [
      field(
        'manual-token',
        tr('page.form.token'),
        h('input', {
          id: 'manual-token',
          name: 'token',
          type: 'text',
          autocomplete: 'off',
          spellcheck: 'false',
          required: true,
          'aria-describedby': 'manual-token-help',
        }),
        tr('page.form.token.help'),
      ),
    ];
  } else {
    heading = tr('page.form.domain.heading');
    submit = tr('page.form.domain.submit');
    inputs = [
      field(
        'manual-domain',
        tr('page.form.domain'),
        h('input', {
          id: 'manual-domain',
          name: 'domain',
          type: 'text',
          autocomplete: 'off',
          spellcheck: 'false',
          required: true,
          pattern: '[a-z0-9]+',
          'aria-describedby': 'manual-domain-help',
        }),
        tr('page.form.domain.help'),
      ),
    ];
  }
  const form = h(
    'form',
    { id: `form-${method}`, novalidate: true },
    h('h2', {}, heading),
    inputs,
    status,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, submit)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { method };
    for (const input of form.querySelectorAll('input')) body[input.name] = input.value;
    const button = form.querySelector('button');
    button.disabled = true;
    status.textContent = '';
    void api('/api/manual-enroll', body).then((r) => {
      button.disabled = false;
      if (!r.ok) {
        status.textContent = r.json?.message ?? `${tr('page.requestRefused')} ${r.status}`;
        const bad = r.json?.field ? form.querySelector(`[name="${r.json.field}"]`) : null;
        (bad ?? form.querySelector('input'))?.focus();
      }
    });
  });
  return form;
}
