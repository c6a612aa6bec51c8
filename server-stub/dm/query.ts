// The query string of POST /device_management, as Chromium sends it (DESIGN §5):
//   request=<type>&devicetype=2&apptype=Chrome&deviceid=<1–64 printable ASCII>   required
//   agent (≤ 64), platform, retry=true|false, lasterror=<integer>, oauth_token       optional
// Other parameters are tolerated when short; anything else is a 400 naming the parameter.

import {
  AGENT_MAX_LENGTH,
  APP_TYPE_CHROME,
  DEVICE_ID_PATTERN,
  DEVICE_TYPE_CHROME_OS,
  DM_PARAM,
  DM_REQUEST_TYPES,
  type DmRequestType,
  isDmRequestType,
} from '../../protocol/dm.ts';
import { DmError } from '../http/errors.ts';
import { MAX_OTHER_PARAM_LENGTH, MAX_QUERY_PARAMS } from './schemas.ts';

export interface DmQuery {
  request: DmRequestType;
  deviceid: string;
  agent?: string;
  platform?: string;
  retry?: boolean;
  lasterror?: number;
  oauthToken?: string;
}

const CREDENTIAL = /^[\x21-\x7E]{1,512}$/;
const INTEGER = /^-?\d{1,10}$/;

const bad = (name: string, problem: string): DmError =>
  new DmError(400, `query parameter ${name} ${problem}`);

/** Parses fastify's query object (values are strings, or arrays for a repeated parameter). */
export function parseDmQuery(raw: unknown): DmQuery {
  const q = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const names = Object.keys(q);
  if (names.length > MAX_QUERY_PARAMS)
    throw new DmError(400, `at most ${MAX_QUERY_PARAMS} query parameters are accepted`);
  const values = new Map<string, string>();
  for (const name of names) {
    const v = q[name];
    if (typeof v !== 'string') throw bad(name, 'must be given once');
    values.set(name, v);
  }
  const required = (name: string): string => {
    const v = values.get(name);
    if (v === undefined) throw bad(name, 'is required');
    return v;
  };
  const request = required(DM_PARAM.request);
  if (!isDmRequestType(request)) throw bad(DM_PARAM.request, `must be one of ${DM_REQUEST_TYPES.join(', ')}`);
  if (required(DM_PARAM.deviceType) !== DEVICE_TYPE_CHROME_OS) {
    throw bad(DM_PARAM.deviceType, `must be ${DEVICE_TYPE_CHROME_OS} (ChromeOS)`);
  }
  if (required(DM_PARAM.appType) !== APP_TYPE_CHROME)
    throw bad(DM_PARAM.appType, `must be ${APP_TYPE_CHROME}`);
  const deviceid = required(DM_PARAM.deviceId);
  if (!DEVICE_ID_PATTERN.test(deviceid)) {
    throw bad(DM_PARAM.deviceId, 'must be 1 to 64 printable ASCII characters without space');
  }
  const out: DmQuery = { request, deviceid };

  const known = new Set<string>([DM_PARAM.request, DM_PARAM.deviceType, DM_PARAM.appType, DM_PARAM.deviceId]);
  const agent = values.get(DM_PARAM.agent);
  if (agent !== undefined) {
    if (agent.length > AGENT_MAX_LENGTH)
      throw bad(DM_PARAM.agent, `must be at most ${AGENT_MAX_LENGTH} characters`);
    out.agent = agent;
  }
  const retry = values.get(DM_PARAM.retry);
  if (retry !== undefined) {
    if (retry !== 'true' && retry !== 'false') throw bad(DM_PARAM.retry, 'must be true or false');
    out.retry = retry === 'true';
  }
  const lastError = values.get(DM_PARAM.lastError);
  if (lastError !== undefined) {
    if (!INTEGER.test(lastError)) throw bad(DM_PARAM.lastError, 'must be an integer');
    out.lasterror = Number(lastError);
  }
  const oauth = values.get(DM_PARAM.oauthToken);
  if (oauth !== undefined) {
    if (!CREDENTIAL.test(oauth))
      throw bad(DM_PARAM.oauthToken, 'must be 1 to 512 printable ASCII characters');
    out.oauthToken = oauth;
  }
  for (const name of [DM_PARAM.agent, DM_PARAM.retry, DM_PARAM.lastError, DM_PARAM.oauthToken])
    known.add(name);
  for (const [name, v] of values) {
    if (known.has(name)) continue;
    if (v.length > MAX_OTHER_PARAM_LENGTH)
      throw bad(name, `must be at most ${MAX_OTHER_PARAM_LENGTH} characters`);
    if (name === DM_PARAM.platform) out.platform = v;
  }
  return out;
}
