// Shared check: an org unit path must exist in the customer.

import type { StubContext } from '../context.ts';
import { badRequest } from '../http/errors.ts';

export function requireOrgUnit(ctx: StubContext, customerId: string, path: string | undefined): string {
  const ou = path ?? '/';
  if (!ctx.stores.customers.orgUnitExists(customerId, ou)) {
    throw badRequest(`body.org_unit_path: customer ${customerId} has no org unit ${JSON.stringify(ou)}`);
  }
  return ou;
}
