// Admin API, licences and org units:
//   GET /v1/customers/:cid/licenses → LicensesView
//   PUT /v1/customers/:cid/licenses {chrome_enterprise_upgrade_total} → LicensesView (409 below `used`)
//   GET /v1/customers/:cid/org-units → {org_units: [{org_unit_path}]}
//   POST /v1/customers/:cid/org-units {org_unit_path} → 201 {org_unit_path} (409 when it exists)

import type { FastifyInstance } from 'fastify';
import { nowIso, type StubContext } from '../context.ts';
import type { CustomerRow } from '../db/rows.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { ADMIN_BODY_LIMIT, cidParams, licensesBody, orgUnitBody } from './schemas.ts';
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

  app.put<{ Params: Cid; Body: { chrome_enterprise_upgrade_total: number } }>(
    '/v1/customers/:cid/licenses',
    { schema: { params: cidParams, body: licensesBody }, bodyLimit: ADMIN_BODY_LIMIT },
    async (request) => {
      const run = db.transaction(() => {
        const c = customer(request.params.cid);
        const total = request.body.chrome_enterprise_upgrade_total;
        const { used } = customers.licences(c);
        if (total < used) {
          throw new ApiError(
            409,
            'LICENSES_IN_USE',
            `${used} licences are in use; the total cannot go below that`,
          );
        }
        customers.setCeuTotal(c.customer_id, total);
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
