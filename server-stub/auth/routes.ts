// POST /v1/auth/login {email, password} → {token, customer_id}; 401 otherwise; 403
// GMAIL_ACCOUNT_NOT_ALLOWED for an address ending in @gmail.com (seed 000: the admin account is not a
// personal Gmail account), checked before any look-up or password check.

import type { FastifyInstance } from 'fastify';
import { nowIso, type StubContext } from '../context.ts';
import { newToken, sha256Hex } from '../db/secrets.ts';
import { ApiError } from '../http/errors.ts';
import { GMAIL_ADMIN_REASON, isGmailAccount } from '../rules/admin-account.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.ts';

interface LoginBody {
  email: string;
  password: string;
}

export interface LoginAnswer {
  token: string;
  customer_id: string;
}

const loginSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['email', 'password'],
    properties: {
      email: { type: 'string', minLength: 1, maxLength: 254 },
      password: { type: 'string', minLength: 1, maxLength: 1024 },
    },
  },
} as const;

export function registerAuthRoutes(app: FastifyInstance, ctx: StubContext): void {
  app.post<{ Body: LoginBody }>(
    '/v1/auth/login',
    { schema: loginSchema, bodyLimit: 8 * 1024 },
    async (request, reply) => {
      const { email, password } = request.body;
      if (isGmailAccount(email)) {
        throw new ApiError(403, 'GMAIL_ACCOUNT_NOT_ALLOWED', `${email.trim()}: ${GMAIL_ADMIN_REASON}`);
      }
      const admin = ctx.stores.admins.get(email.trim());
      const ok = await verifyPassword(password, admin?.password_hash ?? DUMMY_PASSWORD_HASH);
      if (admin === undefined || !ok)
        throw new ApiError(401, 'UNAUTHENTICATED', 'e-mail or password is wrong');
      const token = newToken('adm_');
      ctx.stores.admins.insertSession(sha256Hex(token), admin.email, admin.customer_id, nowIso(ctx));
      const answer: LoginAnswer = { token, customer_id: admin.customer_id };
      return reply.code(200).send(answer);
    },
  );
}
