// The OOBE page: renders the screen model the agent pushes over server-sent events and turns key
// presses and buttons into API calls. Plain modern JS in ES modules served beside this one (the web
// UI's server lists them), no framework, nothing loaded from elsewhere. Every text from the server
// goes through textContent, never innerHTML.
// Words: the page formats nothing itself. The agent formats every message of the catalogs (ICU
// MessageFormat, agent/i18n) in the screens' locale: the screen model and the overlay's view arrive
// worded, and the page's own labels come from `GET /api/i18n`, fetched again whenever the locale changes.
// This module wires the page: words.js (labels), screens.js (+ manual-forms.js), diagnostics.js (Alt+V).

import { isOverlayOpen, loadDiagnostics, showOverlay, trapFocus, wireDiagnostics } from './diagnostics.js';
import { $, api } from './dom.js';
import { renderScreen } from './screens.js';
import { currentLocale, loadStrings, tr } from './words.js';

/** The screen model drawn last. */
let model = null;

$('locale-switch').addEventListener('change', (event) => {
  void api('/api/locale', { locale: event.target.value });
});

wireDiagnostics();

document.addEventListener('keydown', (event) => {
  if (
    event.altKey &&
    !event.ctrlKey &&
    !event.metaKey &&
    (event.code === 'KeyV' || event.key === 'v' || event.key === 'V')
  ) {
    event.preventDefault();
    if (!event.repeat) void api('/api/alt-v');
  } else if (event.key === 'Escape' && isOverlayOpen()) {
    event.preventDefault();
    void api('/api/diagnostics/close');
  } else if (event.key === 'Tab' && isOverlayOpen()) {
    trapFocus(event);
  }
});

async function onModel(m) {
  const localeChanged = m.locale !== currentLocale();
  // The page's own labels follow the screens' language: fetched before the screen is drawn in it.
  if (localeChanged) await loadStrings();
  const wasOpen = isOverlayOpen();
  const stateChanged = !model || model.state !== m.state;
  renderScreen(m, model);
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
