// createStub(): the enrollment server stub as a fastify app over a better-sqlite3 database, usable
// in-process by tests (`app.inject`, or `listen()` on port 0) and by the CLI (main.ts).

import type { Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Database } from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminPlugin } from './admin/routes.ts';
import { CaStore } from './attestation/ca-store.ts';
import type { DeviceIdentity } from './attestation/mint.ts';
import { registerAuthRoutes } from './auth/routes.ts';
import { type Clock, isSettableClock, OverridableClock, type SettableClock } from './clock.ts';
import type { StubContext } from './context.ts';
import { MEMORY, openDatabase } from './db/open.ts';
import { applySmartSchema } from './db/smart-schema.ts';
import { createStores, type Stores } from './db/stores.ts';
import { type DmRouteOptions, registerDmRoute } from './dm/route.ts';
import { installDrainBeforeClose } from './http/drain-before-close.ts';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './http/error-handler.ts';
import { installJsonParser } from './http/json-parser.ts';
import { registerPartnerRoutes } from './partner/routes.ts';
import { applySeed } from './seed/apply.ts';
import { resolveSeed } from './seed/load.ts';
import { checkSmartSeed } from './seed/smart-check.ts';
import type { StubSeed } from './seed/types.ts';
import { registerSmartRoutes } from './smart/routes.ts';
import { FaultStore } from './test-hooks/faults.ts';
import { registerTestHooks } from './test-hooks/routes.ts';

export interface CreateStubOptions {
  /** A database file path, or ':memory:' (the default in-process; the CLI defaults to a file). */
  db?: string;
  /** A seed object or the path of a seed JSON file; default: fixtures/demo.json. Applied once per database. */
  seed?: StubSeed | string;
  /** Default: the system clock (wrapped so that POST /v1/test/clock can set it). */
  clock?: Clock;
  /** Registers /v1/test/* (faults, clock, factory). Default false: those paths answer 404. */
  testHooks?: boolean;
  /** fastify request logging (pino, to stderr). Default false. */
  logger?: boolean;
  /** DM endpoint tuning (server-stub/dm/route.ts), e.g. the hash dance's bucket size. */
  dm?: DmRouteOptions;
  /** Serve HTTPS with this certificate chain (PEM, server certificate first) and key (issue 17). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface Stub {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly clock: SettableClock;
  readonly stores: Stores;
  readonly cas: CaStore;
  /** Listens (default port 0 = any free port, host 127.0.0.1) and resolves to `http(s)://host:port`. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Also serves HTTPS with this certificate chain and key on another port (the same app and database:
   * both schemes at once, e.g. a fleet where some devices use TLS). Resolves to `https://host:port`.
   */
  listenTls(
    tls: { cert: string | Buffer; key: string | Buffer },
    port?: number,
    host?: string,
  ): Promise<string>;
  /** Closes the server and the database. Idempotent. */
  close(): Promise<void>;
  /** What POST /v1/test/factory/devices answers, available in-process whatever `testHooks` says. */
  mintDeviceIdentity(attestedDeviceId: string, manufacturer: string): Promise<DeviceIdentity>;
}

/** Upper bound of any request body; routes set tighter limits of their own. */
export const GLOBAL_BODY_LIMIT = 1024 * 1024;

export function createStub(options: CreateStubOptions = {}): Stub {
  const clock: SettableClock =
    options.clock !== undefined && isSettableClock(options.clock)
      ? options.clock
      : new OverridableClock(options.clock);
  const seed = resolveSeed(options.seed);
  checkSmartSeed(seed, clock); // before the database file is created
  const db = openDatabase(options.db ?? MEMORY);
  let closed = false;
  const closeDb = (): void => {
    if (!closed && db.open) db.close();
    closed = true;
  };
  let stores: Stores;
  try {
    applySmartSchema(db);
    stores = createStores(db, clock);
    applySeed(stores, seed, clock);
  } catch (e) {
    closeDb();
    throw e;
  }
  const cas = new CaStore(db, clock);
  const ctx: StubContext = { stores, clock, cas, faults: new FaultStore(db) };

  const tls = options.tls;
  const app = Fastify({
    // HTTPS: the same app behind a TLS server (fastify's own `https` option would change its type).
    ...(tls !== undefined
      ? {
          serverFactory: (handler: Parameters<typeof createHttpsServer>[1]) =>
            createHttpsServer({ cert: tls.cert, key: tls.key }, handler) as unknown as Server,
        }
      : {}),
    logger: options.logger === true ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: GLOBAL_BODY_LIMIT,
    routerOptions: { maxParamLength: 512 },
    // Malformed URLs and unparsable HTTP get the stub's error body too (http/error-handler.ts).
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true, allErrors: false },
    },
  });
  installJsonParser(app);
  installErrorHandlers(app);
  installDrainBeforeClose(app); // before any route, so every early 413/415 reaches the client
  registerAuthRoutes(app, ctx);
  registerPartnerRoutes(app, ctx);
  void app.register(async (scope) => adminPlugin(scope, ctx));
  registerDmRoute(app, ctx, options.dm);
  if (options.testHooks === true) registerTestHooks(app, ctx);
  void app.register(async (scope) =>
    registerSmartRoutes(scope, { db, clock, testHooks: options.testHooks === true }),
  );
  app.addHook('onReady', async () => {
    await cas.ensure();
  });
  app.addHook('onClose', async () => closeDb());

  const extraServers: HttpsServer[] = [];
  return {
    app,
    db,
    clock,
    stores,
    cas,
    async listenTls(material, port = 0, host = '127.0.0.1') {
      await app.ready();
      const server = createHttpsServer({ cert: material.cert, key: material.key }, (req, res) =>
        app.routing(req, res),
      );
      server.on('tlsClientError', () => undefined);
      extraServers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
      const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `https://${h}:${address.port}`;
    },
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
      const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `${tls !== undefined ? 'https' : 'http'}://${h}:${address.port}`;
    },
    async close() {
      await Promise.all(
        extraServers.splice(0).map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      await app.close();
      closeDb();
    },
    mintDeviceIdentity: (attestedDeviceId, manufacturer) => cas.mint(attestedDeviceId, manufacturer),
  };
}
