// The Alt+V diagnostics overlay: filled from the agent's worded view (`GET /api/diagnostics/view`),
// opened and closed as the screen model says, its focus kept inside while open, and its buttons
// (close, ask the server again, export the bundle with its QR code).

import { $, api, h } from './dom.js';
import { tr } from './words.js';

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
export async function loadDiagnostics(refresh = false) {
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

export function showOverlay(open) {
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

export function isOverlayOpen() {
  return overlayOpen;
}

/** Tab and Shift+Tab cycle through the overlay's controls (the page behind is inert). */
export function trapFocus(event) {
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

/** Wires the overlay's buttons (once, at start). */
export function wireDiagnostics() {
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
}
