// The OOBE page: renders the screen model the agent pushes over server-sent events and turns key
// presses and buttons into API calls. Plain modern JS, no framework, nothing loaded from elsewhere.
// Every text from the server goes through textContent, never innerHTML.

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
    h('p', {}, 'Error code: ', h('span', { class: 'code', id: 'error-code' }, error.code)),
    h('h2', {}, 'What to do'),
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
    heading = 'Administrator account';
    submit = 'Enroll with account';
    inputs = [
      field(
        'manual-email',
        'Administrator e-mail',
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
        'Password',
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
    heading = 'Enrollment token';
    submit = 'Enroll with token';
    inputs = [
      field(
        'manual-token',
        'Enrollment token',
        h('input', {
          id: 'manual-token',
          name: 'token',
          type: 'text',
          autocomplete: 'off',
          spellcheck: 'false',
          required: true,
          'aria-describedby': 'manual-token-help',
        }),
        'The token your administrator created in the Admin console.',
      ),
    ];
  } else {
    heading = 'SMART Remote Management domain';
    submit = 'Enroll display';
    inputs = [
      field(
        'manual-domain',
        'Domain name',
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
        'Your organisation’s SMART Remote Management account name: lower-case letters and digits only.',
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
        status.textContent = r.json?.message ?? `The request was refused (HTTP ${r.status}).`;
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
      m.error
        ? h('p', { class: 'muted', id: 'retry-error' }, `Last error: ${m.error.message} (${m.error.code})`)
        : null,
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
      m.enrolled ? h('p', { class: 'muted' }, `Organisational unit: ${m.enrolled.orgUnitPath}`) : null,
      m.detail ? h('p', { class: 'muted' }, m.detail) : null,
    ];
  },
  error(m) {
    const retry = h('button', { type: 'button', id: 'retry' }, 'Retry');
    retry.addEventListener('click', () => buttonAction(retry, '/api/retry'));
    const manual = h(
      'button',
      { type: 'button', id: 'enroll-manually', class: 'secondary' },
      'Enroll manually',
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
      if (i > 0) forms.push(h('p', { class: 'or' }, 'or'));
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
              h('strong', {}, 'Enrollment failed: '),
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
  const device = [m.device.model, m.device.serialNumber ? `S/N ${m.device.serialNumber}` : null]
    .filter(Boolean)
    .join(' · ');
  $('device-line').textContent = device;
  document.title = `${m.title} — Device setup`;
  if (!m.diagnosticsOpen) {
    const again = hadFocus ? $(hadFocus) : null;
    if (again && !screenChanged) again.focus();
    else if (screenChanged || !main.contains(document.activeElement)) main.querySelector('h1')?.focus();
  }
}

// ---------------------------------------------------------------- Alt+V overlay

let overlayOpen = false;
let focusBeforeOverlay = null;

const yesNo = (v) => (v === true ? 'yes' : v === false ? 'no' : 'unknown');
const orDash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

function set(id, text) {
  $(id).textContent = orDash(text);
}

function seconds(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function renderDiagnostics(d) {
  const id = d.identity;
  set('diag-agent-version', d.agentVersion);
  set('diag-manufacturer', id?.manufacturer);
  set('diag-model', id?.model ?? 'not in the compatibility list');
  set('diag-serial', id?.serialNumber);
  set('diag-certified-id', id?.certifiedDeviceId ?? 'none');
  set('diag-id-kind', id?.idKind);
  set('diag-mfg-date', id?.manufactureDate);
  const zte = $('diag-zte');
  zte.replaceChildren(
    d.zteReady
      ? h('span', { class: 'zte-ok' }, 'ZTE✓ certified device ID present and valid')
      : h('span', { class: 'zte-no' }, 'not ready: no valid certified device ID'),
  );
  set('diag-eligible', id ? (id.eligible ? 'yes' : 'no') : 'unknown');
  const reasons = id?.reasons ?? [];
  $('diag-reasons').replaceChildren(
    ...(reasons.length === 0
      ? [
          h(
            'li',
            {},
            id ? 'No problem found with this device’s identity.' : 'The identity has not been read yet.',
          ),
        ]
      : reasons.map((r) =>
          h('li', { 'data-code': r.code }, r.message, ' ', h('span', { class: 'code' }, r.code)),
        )),
  );
  const line = $('diag-chromeos-line');
  line.replaceChildren(
    d.zteReady ? h('span', { class: 'zte-ok' }, 'ZTE✓ ') : null,
    `ADID:${orDash(id?.certifiedDeviceId)} SN:${orDash(id?.serialNumber)}`,
  );

  const s = d.server;
  set('diag-server-reachable', yesNo(s.reachable));
  set('diag-server-preprovisioned', yesNo(s.preProvisioned));
  set('diag-server-domain', s.managementDomain);
  set('diag-server-ou', s.orgUnitPath);
  set('diag-server-license', yesNo(s.licensePackaged));
  set('diag-server-checked', s.checkedAt ? new Date(s.checkedAt).toLocaleString('en-GB') : 'never');
  set('diag-server-error', s.error ? `${s.error.code}: ${s.error.message}` : 'none');

  const p = d.policy;
  set(
    'diag-policy-timestamp',
    p?.timestamp ? new Date(p.timestamp).toLocaleString('en-GB') : 'none received',
  );
  set('diag-policy-key', p ? p.keyFingerprint : 'no key pinned');
  set('diag-policy-settings', p ? JSON.stringify(p.settings) : 'none');

  const e = d.lastError;
  $('diag-last-error').replaceChildren(
    ...(e
      ? [
          h('p', {}, h('span', { class: 'code', id: 'diag-error-code' }, e.code), ' ', e.message),
          h('p', { id: 'diag-error-advice' }, e.advice),
        ]
      : [h('p', { class: 'muted' }, 'No error.')]),
  );

  $('diag-network').replaceChildren(
    ...(d.network.length === 0
      ? [h('tr', {}, h('td', { colspan: '4' }, 'No network interface found.'))]
      : d.network.map((n) =>
          h(
            'tr',
            {},
            h('td', {}, n.name),
            h('td', {}, orDash(n.operstate)),
            h(
              'td',
              {},
              n.virtual
                ? 'virtual'
                : n.wireless
                  ? 'Wi-Fi'
                  : n.type === 1
                    ? 'Ethernet'
                    : `type ${orDash(n.type)}`,
            ),
            h('td', { class: 'mac' }, orDash(n.mac)),
          ),
        )),
  );

  set('diag-state', d.state);
  const now = Date.now();
  $('diag-timeline').replaceChildren(
    ...d.history.map((entry, i) => {
      const at = Date.parse(entry.at);
      const next = d.history[i + 1];
      const took = next
        ? `${seconds(Date.parse(next.at) - at)}`
        : `current, ${seconds(Math.max(0, now - at))} so far`;
      return h(
        'li',
        {},
        entry.state,
        ' ',
        h('span', { class: 'at' }, `${new Date(at).toLocaleTimeString('en-GB')} · ${took}`),
      );
    }),
  );

  $('diag-backends').replaceChildren(
    ...Object.entries(d.backends).flatMap(([name, state]) => [h('dt', {}, name), h('dd', {}, state)]),
  );
}

let diagnosticsRequest = 0;

/** Loads the diagnostics (asking the server again with `refresh`); a late answer never overwrites a newer one. */
async function loadDiagnostics(refresh = false) {
  const mine = ++diagnosticsRequest;
  const overlay = $('diagnostics');
  overlay.dataset.loaded = 'false';
  $('diag-loading').textContent = refresh ? 'Asking the enrollment server…' : 'Loading…';
  let answer = null;
  try {
    if (refresh) {
      const r = await api('/api/diagnostics/refresh');
      answer = r.ok ? r.json : null;
    } else {
      const r = await fetch('/api/diagnostics');
      answer = r.ok ? await r.json() : null;
    }
  } catch {
    answer = null;
  }
  if (mine !== diagnosticsRequest) return;
  if (!answer) {
    $('diag-loading').textContent = 'The diagnostics could not be loaded.';
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
  $('diag-export-status').textContent = 'Exporting…';
  const r = await api('/api/diagnostics/export');
  button.disabled = false;
  if (!r.ok) {
    $('diag-export-status').textContent = r.json?.message ?? `Export failed (HTTP ${r.status}).`;
    return;
  }
  $('diag-export-status').textContent = 'Exported. Scan the code with a phone to note the summary.';
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

function onModel(m) {
  const wasOpen = overlayOpen;
  const stateChanged = !model || model.state !== m.state;
  renderScreen(m);
  model = m;
  showOverlay(m.diagnosticsOpen);
  // Keep the open overlay's state and timeline live.
  if (wasOpen && m.diagnosticsOpen && stateChanged) void loadDiagnostics();
}

const events = new EventSource('/api/events');
events.addEventListener('screen', (event) => onModel(JSON.parse(event.data)));
events.addEventListener('open', () => {
  $('connection').textContent = '';
});
events.addEventListener('error', () => {
  $('connection').textContent = 'Reconnecting to the setup service…';
});
