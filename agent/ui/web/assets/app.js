// The OOBE page: renders the screen model the agent pushes over server-sent events and turns key
// presses and buttons into API calls. Plain modern JS, no framework, nothing loaded from elsewhere.
// Every text from the server goes through textContent, never innerHTML.
// Words: the page formats nothing itself. The agent formats every message of the catalogs (ICU
// MessageFormat, agent/i18n) in the screens' locale: the screen model and the overlay's view arrive
// worded, and the page's own labels come from `GET /api/i18n`, fetched again whenever the locale changes.

const $ = (id) => document.getElementById(id);

/** h('p', {class: 'x'}, 'text', child…) */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  return { ok: response.ok, status: response.status, json };
}

// ---------------------------------------------------------------- words

let locale = null;
let strings = {};

/** A label of the page in the current locale (`page.*` keys of the catalogs). */
function tr(key) {
  return strings[key] ?? key;
}

function applyStrings(i18n) {
  locale = i18n.locale;
  strings = i18n.messages;
  document.documentElement.lang = i18n.locale;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const key = el.dataset.i18n;
    el.textContent = key === 'locale.switch.label' ? i18n.label : tr(key);
  }
  for (const el of document.querySelectorAll('[data-i18n-alt]')) el.alt = tr(el.dataset.i18nAlt);
  const select = $('locale-switch');
  select.replaceChildren(
    ...i18n.locales.map((l) =>
      h('option', { value: l.tag, lang: l.tag, selected: l.tag === i18n.locale }, l.name),
    ),
  );
  select.value = i18n.locale;
}

async function loadStrings() {
  const r = await fetch('/api/i18n');
  if (r.ok) applyStrings(await r.json());
}

$('locale-switch').addEventListener('change', (event) => {
  void api('/api/locale', { locale: event.target.value });
});

// ---------------------------------------------------------------- screens

let model = null;
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

function field(id, label, input, help) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    help ? h('span', { class: 'help', id: `${id}-help` }, help) : null,
  );
}

function manualForm(method) {
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

function renderScreen(m) {
  const { diagnosticsOpen: _open, ...rest } = m;
  const key = JSON.stringify(rest);
  if (key === renderedKey) return;
  const screenChanged = !model || model.screen !== m.screen;
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

// ---------------------------------------------------------------- Alt+V overlay

let overlayOpen = false;
let focusBeforeOverlay = null;

function set(id, text) {
  $(id).textContent = text;
}

/** Fills the overlay from the agent's worded view (`GET /api/diagnostics/view`). */
function renderDiagnostics(v) {
  set('diag-agent-version', v.agentVersion);
  set('diag-manufacturer', v.device.manufacturer);
  set('diag-model', v.device.model);
  set('diag-serial', v.device.serialNumber);
  set('diag-certified-id', v.device.certifiedDeviceId);
  set('diag-id-kind', v.device.idKind);
  set('diag-mfg-date', v.device.manufactured);
  $('diag-zte').replaceChildren(h('span', { class: v.zte.ready ? 'zte-ok' : 'zte-no' }, v.zte.text));
  set('diag-eligible', v.device.eligible);
  $('diag-reasons').replaceChildren(
    ...(v.reasons.length === 0
      ? [h('li', {}, v.reasonsEmpty)]
      : v.reasons.map((r) =>
          h('li', { 'data-code': r.code }, r.text, ' ', h('span', { class: 'code' }, r.code)),
        )),
  );
  // ChromeOS's own line: `ZTE✓` only when the device can be zero-touch enrolled, then the IDs.
  $('diag-chromeos-line').replaceChildren(
    ...(v.zte.ready ? [h('span', { class: 'zte-ok' }, 'ZTE✓ ')] : []),
    v.chromeOsIds,
  );

  const s = v.server;
  set('diag-server-reachable', s.reachable);
  set('diag-server-preprovisioned', s.preProvisioned);
  set('diag-server-domain', s.managementDomain);
  set('diag-server-ou', s.orgUnitPath);
  set('diag-server-license', s.licensePackaged);
  set('diag-server-checked', s.checkedAt);
  set('diag-server-error', s.error);

  const p = v.policy ?? v.policyNone;
  set('diag-policy-timestamp', p.timestamp);
  set('diag-policy-key', p.key);
  set('diag-policy-settings', p.settings);

  const e = v.lastError;
  $('diag-last-error').replaceChildren(
    ...(e
      ? [
          h('p', {}, h('span', { class: 'code', id: 'diag-error-code' }, e.code), ' ', e.message),
          h('p', { id: 'diag-error-advice' }, e.advice),
        ]
      : [h('p', { class: 'muted' }, v.noError)]),
  );

  $('diag-network').replaceChildren(
    ...(v.network.length === 0
      ? [h('tr', {}, h('td', { colspan: '4' }, v.networkEmpty))]
      : v.network.map((n) =>
          h(
            'tr',
            {},
            h('td', {}, n.name),
            h('td', {}, n.state),
            h('td', {}, n.kind),
            h('td', { class: 'mac' }, n.mac),
          ),
        )),
  );

  set('diag-state', v.state);
  $('diag-timeline').replaceChildren(
    ...v.timeline.map((entry) => h('li', {}, entry.state, ' ', h('span', { class: 'at' }, entry.at))),
  );

  $('diag-backends').replaceChildren(
    ...v.backends.flatMap((b) => [h('dt', {}, b.name), h('dd', {}, b.status)]),
  );
}

let diagnosticsRequest = 0;

/** Loads the diagnostics (asking the server again with `refresh`); a late answer never overwrites a newer one. */
async function loadDiagnostics(refresh = false) {
  const mine = ++diagnosticsRequest;
  const overlay = $('diagnostics');
  overlay.dataset.loaded = 'false';
  $('diag-loading').textContent = refresh ? tr('page.diag.asking') : tr('page.diag.loading');
  let answer = null;
  try {
    const r = await fetch(refresh ? '/api/diagnostics/view?refresh=1' : '/api/diagnostics/view');
    answer = r.ok ? await r.json() : null;
  } catch {
    answer = null;
  }
  if (mine !== diagnosticsRequest) return;
  if (!answer) {
    $('diag-loading').textContent = tr('page.diag.loadFailed');
    return;
  }
  renderDiagnostics(answer);
  $('diag-loading').textContent = '';
  overlay.dataset.loaded = 'true';
}

function showOverlay(open) {
  if (open === overlayOpen) return;
  overlayOpen = open;
  const overlay = $('diagnostics');
  if (open) {
    focusBeforeOverlay = document.activeElement;
    $('app').inert = true;
    overlay.hidden = false;
    $('diag-title').focus();
    void loadDiagnostics();
  } else {
    overlay.hidden = true;
    $('app').inert = false;
    const back =
      focusBeforeOverlay && document.contains(focusBeforeOverlay)
        ? focusBeforeOverlay
        : $('screen').querySelector('h1');
    back?.focus();
  }
}

$('diag-close').addEventListener('click', () => void api('/api/diagnostics/close'));
$('diag-refresh').addEventListener('click', () => void loadDiagnostics(true));
$('diag-export').addEventListener('click', async () => {
  const button = $('diag-export');
  button.disabled = true;
  $('diag-export-status').textContent = tr('page.diag.exporting');
  const r = await api('/api/diagnostics/export');
  button.disabled = false;
  if (!r.ok) {
    $('diag-export-status').textContent = r.json?.message ?? `${tr('page.diag.exportFailed')} ${r.status}`;
    return;
  }
  $('diag-export-status').textContent = tr('page.diag.exported');
  $('diag-qr').src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(r.json.qrSvg)}`;
  $('diag-export-path').textContent = r.json.path;
  $('diag-export-summary').textContent = r.json.summary;
  $('diag-export-result').hidden = false;
});

// ---------------------------------------------------------------- keys and live updates

document.addEventListener('keydown', (event) => {
  if (
    event.altKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    (event.code === 'KeyV' || event.key === 'v' || event.key === 'V')
  ) {
    event.preventDefault();
    if (!event.repeat) void api('/api/alt-v');
  } else if (event.key === 'Escape' && overlayOpen) {
    event.preventDefault();
    void api('/api/diagnostics/close');
  } else if (event.key === 'Tab' && overlayOpen) {
    trapFocus(event);
  }
});

/** Tab and Shift+Tab cycle through the overlay's controls (the page behind is inert). */
function trapFocus(event) {
  const overlay = $('diagnostics');
  const controls = [
    ...overlay.querySelectorAll('button, [href], input, [tabindex]:not([tabindex="-1"])'),
  ].filter((el) => !el.disabled && el.offsetParent !== null);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  const inside = overlay.contains(active);
  if (event.shiftKey && (!inside || active === first || active === $('diag-title'))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}

async function onModel(m) {
  const localeChanged = m.locale !== locale;
  // The page's own labels follow the screens' language: fetched before the screen is drawn in it.
  if (localeChanged) await loadStrings();
  const wasOpen = overlayOpen;
  const stateChanged = !model || model.state !== m.state;
  renderScreen(m);
  model = m;
  showOverlay(m.diagnosticsOpen);
  // Keep the open overlay's state, timeline and words live.
  if (wasOpen && m.diagnosticsOpen && (stateChanged || localeChanged)) void loadDiagnostics();
}

/** Screen models are drawn one after the other, in the order they arrived. */
let drawing = Promise.resolve();
const events = new EventSource('/api/events');
events.addEventListener('screen', (event) => {
  const m = JSON.parse(event.data);
  drawing = drawing.then(() => onModel(m)).catch(() => undefined);
});
events.addEventListener('open', () => {
  $('connection').textContent = '';
});
events.addEventListener('error', () => {
  $('connection').textContent = tr('page.reconnecting');
});
