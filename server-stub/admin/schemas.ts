// JSON schemas of the admin API.

import { DEVICE_STATUSES } from '../db/rows.ts';
import { ORG_UNIT_PATTERN } from '../rules/identity.ts';
import { MAX_LICENCES } from '../rules/limits.ts';

export const orgUnitPath = {
  type: 'string',
  minLength: 1,
  maxLength: 1024,
  pattern: ORG_UNIT_PATTERN,
} as const;

const cid = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const cidParams = {
  type: 'object',
  required: ['cid'],
  properties: { cid },
} as const;

export const tokenParams = {
  type: 'object',
  required: ['cid', 'token'],
  properties: { cid, token: { type: 'string', minLength: 1, maxLength: 256 } },
} as const;

export const deviceParams = {
  type: 'object',
  required: ['cid', 'device_id'],
  properties: { cid, device_id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** `{org_unit_path}`, optional (default `/`) when creating tokens. */
export const optionalOrgUnitBody = {
  type: 'object',
  additionalProperties: false,
  properties: { org_unit_path: orgUnitPath },
} as const;

export const orgUnitBody = {
  type: 'object',
  additionalProperties: false,
  required: ['org_unit_path'],
  properties: { org_unit_path: orgUnitPath },
} as const;

export const devicesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { status: { type: 'string', enum: DEVICE_STATUSES } },
} as const;

/** PUT licenses: the new total of one or more pools (the others are left as they are; none → 400 in the route). */
export const licensesBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    chrome_enterprise_upgrade_total: { type: 'integer', minimum: 0, maximum: MAX_LICENCES },
    chrome_education_upgrade_total: { type: 'integer', minimum: 0, maximum: MAX_LICENCES },
    chrome_nonprofit_upgrade_total: { type: 'integer', minimum: 0, maximum: MAX_LICENCES },
  },
} as const;

export interface LicensesBody {
  chrome_enterprise_upgrade_total?: number;
  chrome_education_upgrade_total?: number;
  chrome_nonprofit_upgrade_total?: number;
}

export const ADMIN_BODY_LIMIT = 16 * 1024;
