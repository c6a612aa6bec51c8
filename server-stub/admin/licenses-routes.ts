// Admin API, licences and org units:
//   GET /v1/customers/:cid/licenses → LicensesView
//   PUT /v1/customers/:cid/licenses {chrome_{enterprise,education,nonprofit}_upgrade_total (≥ 1 of them)}
//       → LicensesView (409 LICENSES_IN_USE when a pool would go below its `used`; nothing is changed then)
//   GET /v1/customers/:cid/org-units → {org_units: [{org_unit_path}]}
//   POST /v1/customers/:cid/org-units {org_unit_path} → 201 {org_unit_path} (409 when it exists)

import type { FastifyInstance } from 'fastify';
import { nowIso, type StubContext } from '../context.ts';
import type { CustomerRow } from '../db/rows.ts';
import { ApiError, badRequest, notFound } from '../http/errors.ts';
import { POOL_FIELDS, UPGRADE_NAMES, UPGRADE_ORDER, type UpgradeType } from '../rules/licences.ts';
import { ADMIN_BODY_LIMIT, cidParams, type LicensesBody, licensesBody, orgUnitBody } from './schemas.ts';
import { licensesView } from './views.ts';

interface Cid {
  cid: string;
}

export function registerLicenseRoutes(app: FastifyInstance, ctx: StubContext): void {
  const { customers, db } = ctx.stores;
  const customer = (cid: string): CustomerRow => {
    const c = customers.get(cid);
    if (c === undefined) throw notFound(`no customer ${cid}`);
    return c;
  };

  app.get<{ Params: Cid }>(
    '/v1/customers/:cid/licenses',
    { schema: { params: cidParams } },
    async (request) => licensesView(customers.licences(customer(request.params.cid))),
  );

  app.put<{ Params: Cid; Body: LicensesBody }>(
    '/v1/customers/:cid/licenses',
    { schema: { params: cidParams, body: licensesBody }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const fields = UPGRADE_ORDER.map((t) => `${POOL_FIELDS[t]}_total`);
      if (!fields.some((f) => request.body[f as keyof LicensesBody] !== undefined)) {
        throw badRequest(`body must have at least one of ${fields.join(', ')}`);
      }
      const run = db.transaction(() => {
        const c = customer(request.params.cid);
        const counts = customers.licences(c);
        const changes: Array<[UpgradeType, number]> = [];
        for (const type of UPGRADE_ORDER) {
          const total = request.body[`${POOL_FIELDS[type]}_total` as keyof LicensesBody];
          if (total === undefined) continue;
          const { used } = counts.pools[type];
          if (total < used) {
            throw new ApiError(
              409,
              'LICENSES_IN_USE',
              `${used} ${UPGRADE_NAMES[type]} licences are in use; body.${POOL_FIELDS[type]}_total cannot go below that`,
            );
          }
          changes.push([type, total]);
        }
        for (const [type, total] of changes) customers.setTotal(c.customer_id, type, total);
        return licensesView(customers.licences(customer(c.customer_id)));
      });
      return run.immediate();
    },
  );

  app.get<{ Params: Cid }>(
    '/v1/customers/:cid/org-units',
    { schema: { params: cidParams } },
    async (request) => ({
      org_units: customers.orgUnits(request.params.cid).map((p) => ({ org_unit_path: p })),
    }),
  );

  app.post<{ Params: Cid; Body: { org_unit_path: string } }>(
    '/v1/customers/:cid/org-units',
    { schema: { params: cidParams, body: orgUnitBody }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request, reply) => {
      const { cid } = request.params;
      const path = request.body.org_unit_path;
      if (!customers.addOrgUnit(cid, path, nowIso(ctx))) {
        throw new ApiError(409, 'CONFLICT', `org unit ${path} already exists`);
      }
      return reply.code(201).send({ org_unit_path: path });
    },
  );
}
