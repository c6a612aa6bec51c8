// The OOBE web UI (issue 5): a small fastify server on 127.0.0.1 that serves the page from local
// files, pushes the screen model over server-sent events on every transition, turns button presses
// into machine events, and serves the Alt+V diagnostics and their export. See guard.ts for who may
// talk to it.

import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyReply } from 'fastify';
import {
  type BackendProbe,
  createDiagnosticsService,
  type DiagnosticsDeps,
  type DiagnosticsService,
} from '../../diagnostics/index.ts';
import type { AgentView } from '../../diagnostics/types.ts';
import {
  CATALOGS,
  fixedLocaleSetting,
  isLocale,
  LOCALES,
  type LocaleSetting,
  type MessageKey,
  translate,
} from '../../i18n/index.ts';
import { offers } from '../../machine/view.ts';
import { diagnosticsView } from '../diagnostics-view.ts';
import { refusalFor } from './guard.ts';
import { parseManualRequest } from './manual-request.ts';
import { type ScreenModel, screenModelOf } from './screen-model.ts';

export interface WebUiOptions {
  /** The running agent (an AgentHandle, or a test's scripted actor). */
  handle: AgentView;
  deps: DiagnosticsDeps;
  /** Where exported diagnostics bundles are written (the agent's `--state-dir`). */
  stateDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  agentVersion: string;
  backends?: readonly BackendProbe[];
  /** Bound on the live server look-up of the diagnostics (default 5 s). */
  serverTimeoutMs?: number;
  /** Share one diagnostics source with another UI (the terminal); one is made otherwise. */
  diagnostics?: DiagnosticsService;
  /**
   * Where the page's own Alt+V goes (default: straight to the machine). `agent run` passes it through
   * the keyboard hub, so that one press seen by the page and by a keyboard of the device counts once.
   */
  onAltV?: () => void;
  /** Where index.html, app.css and the page's modules are (default: `assets/` beside this module). */
  assetsDir?: string;
  /** The screens' language, shared with the other UIs (`AgentHandle.locale`); English when absent. */
  locale?: LocaleSetting;
}

export interface WebUi {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The page's script: app.js, the entry (index.html's module script), and the ES modules it imports. */
export const PAGE_MODULES = [
  'app.js',
  'dom.js',
  'words.js',
  'screens.js',
  'manual-forms.js',
  'diagnostics.js',
] as const;

/** Everything the page loads; nothing else under assets/ is served. */
const ASSETS: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/assets/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  ...Object.fromEntries(
    PAGE_MODULES.map((file) => [`/assets/${file}`, { file, type: 'text/javascript; charset=utf-8' }]),
  ),
};

/** Nothing leaves the device: scripts, styles and requests are this origin's own; images may be data: (the QR code). */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};

async function loadAssets(dir: string | undefined): Promise<Map<string, Buffer>> {
  const base = dir ?? fileURLToPath(new URL('./assets/', import.meta.url));
  const out = new Map<string, Buffer>();
  for (const { file } of Object.values(ASSETS))
    out.set(file, await readFile(`${base.replace(/\/?$/, '/')}${file}`));
  return out;
}

function conflict(reply: FastifyReply, message: string, state: string) {
  return reply.code(409).send({ error: 'conflict', message, state });
}

export async function startWebUi(options: WebUiOptions): Promise<WebUi> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new RangeError(`the web UI listens on 127.0.0.1 only, not ${String(host)}`);
  const { handle } = options;
  const locale = options.locale ?? fixedLocaleSetting();
  const assets = await loadAssets(options.assetsDir);
  const diagnostics =
    options.diagnostics ??
    createDiagnosticsService(handle, options.deps, {
      agentVersion: options.agentVersion,
      ...(options.backends ? { backends: options.backends } : {}),
      ...(options.serverTimeoutMs !== undefined ? { timeoutMs: options.serverTimeoutMs } : {}),
    });

  let port = 0;
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024, forceCloseConnections: true });
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // An empty body is an empty object: `POST /api/retry` has nothing to say.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, {});
    else void defaultJson(request, String(body), done);
  });

  app.addHook('onRequest', async (request, reply) => {
    const refusal = refusalFor({ method: request.method, url: request.url, headers: request.headers }, port);
    if (refusal) {
      reply
        .code(403)
        .headers(SECURITY_HEADERS)
        .send({ error: 'forbidden', reason: refusal.reason, message: refusal.message });
      return reply;
    }
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    void reply
      .code(status)
      .send({ error: status >= 500 ? 'internal' : 'bad-request', message: error.message ?? 'error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not-found' }));

  // ---- the page ----
  for (const [path, { file, type }] of Object.entries(ASSETS)) {
    app.get(path, (_request, reply) => reply.type(type).send(assets.get(file)));
  }

  // ---- the screen model, pushed ----
  const model = (): ScreenModel => screenModelOf(handle.actor.getSnapshot(), locale.get());
  const clients = new Set<ServerResponse>();
  let last = JSON.stringify(model());
  const frame = (json: string) => `event: screen\ndata: ${json}\n\n`;
  const push = (next: ScreenModel) => {
    const json = JSON.stringify(next);
    if (json === last) return;
    last = json;
    for (const res of clients) res.write(frame(json));
  };
  const subscription = handle.actor.subscribe({
    next: (snapshot) => push(screenModelOf(snapshot, locale.get())),
    error: () => undefined,
  });
  // A language switch (here, in the terminal, or the device's VPD once read) re-words the screen.
  const stopLocale = locale.subscribe(() => push(model()));

  app.get('/api/state', () => model());

  // ---- the language: the page's own words (`page.*`) in it, and the switch of the first screen ----
  const pageMessages = (): Record<string, string> => {
    const current = locale.get();
    const out: Record<string, string> = {};
    for (const key of Object.keys(CATALOGS[current]) as MessageKey[]) {
      // Static words only: the ones with values are formatted into the screen model or the view.
      if (key.startsWith('page.') && !CATALOGS[current][key].includes('{'))
        out[key] = translate(current, key);
    }
    return out;
  };
  const i18n = () => ({
    locale: locale.get(),
    locales: LOCALES.map((tag) => ({ tag, name: translate(tag, `locale.name.${tag}`) })),
    label: translate(locale.get(), 'locale.switch.label'),
    messages: pageMessages(),
  });
  app.get('/api/i18n', () => i18n());
  app.post('/api/locale', (request, reply) => {
    const wanted = (request.body as { locale?: unknown } | null)?.locale;
    if (!isLocale(wanted))
      return reply.code(400).send({
        error: 'invalid',
        code: 'unknown-locale',
        message: `locale must be one of ${LOCALES.join(', ')}`,
      });
    locale.choose(wanted);
    return i18n();
  });
  app.get('/api/events', (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    res.write(`retry: 1000\n\n${frame(JSON.stringify(model()))}`);
    clients.add(res);
    request.raw.on('close', () => clients.delete(res));
  });

  // ---- what a person can do ----
  // What the machine takes now (its own transitions decide), and its flow state for the answers.
  const flow = () => model().state;
  const offered = () => offers(handle.actor.getSnapshot());
  app.post('/api/retry', (_request, reply) => {
    if (!offered().retry) return conflict(reply, 'Retry is only possible on the error screen.', flow());
    handle.actor.send({ type: 'RETRY' });
    return reply.code(202).send({ ok: true, state: flow() });
  });
  app.post('/api/enroll-manually', (_request, reply) => {
    if (!offered().enrollManually) {
      return conflict(reply, 'Manual enrollment is offered from the error screen.', flow());
    }
    handle.actor.send({ type: 'ENROLL_MANUALLY' });
    return reply.code(202).send({ ok: true, state: flow() });
  });
  app.post('/api/manual-enroll', (request, reply) => {
    if (!offered().manualEnroll)
      return conflict(reply, 'The device is not on the manual enrollment screen.', flow());
    const parsed = parseManualRequest(request.body, locale.get());
    if (!parsed.ok)
      return reply
        .code(400)
        .send({ error: 'invalid', code: parsed.code, field: parsed.field, message: parsed.message });
    handle.actor.send({ type: 'MANUAL_ENROLL', request: parsed.request });
    return reply.code(202).send({ ok: true, state: flow() });
  });
  app.post('/api/alt-v', () => {
    if (options.onAltV) options.onAltV();
    else handle.actor.send({ type: 'ALT_V' });
    return { diagnosticsOpen: model().diagnosticsOpen };
  });
  app.post('/api/diagnostics/close', () => {
    handle.actor.send({ type: 'CLOSE_DIAGNOSTICS' });
    return { diagnosticsOpen: model().diagnosticsOpen };
  });

  // ---- diagnostics ----
  app.get('/api/diagnostics', (request) => {
    const refresh = (request.query as Record<string, unknown>).refresh;
    return diagnostics.collect({ refresh: refresh === '1' || refresh === 'true' });
  });
  app.post('/api/diagnostics/refresh', () => diagnostics.collect({ refresh: true }));
  // The overlay's words, in the screens' language (the page shows these; the JSON above stays data).
  app.get('/api/diagnostics/view', async (request) => {
    const refresh = (request.query as Record<string, unknown>).refresh;
    const d = await diagnostics.collect({ refresh: refresh === '1' || refresh === 'true' });
    return diagnosticsView(d, locale.get(), options.deps.now());
  });
  app.post('/api/diagnostics/export', async (_request, reply) => {
    try {
      return await diagnostics.exportBundle(options.stateDir);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return reply.code(500).send({
        error: 'export-failed',
        code: typeof code === 'string' ? code : 'internal',
        message: translate(locale.get(), 'page.exportFailed', {
          detail: error instanceof Error ? error.message : String(error),
        }),
      });
    }
  });

  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the web UI has no TCP address');
  port = address.port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    async close() {
      subscription.unsubscribe();
      stopLocale();
      for (const res of clients) res.end();
      clients.clear();
      await app.close();
    },
  };
}
