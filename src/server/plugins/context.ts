import type { FastifyReply } from 'fastify';
import { SECURITY } from '../config';

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SECURITY.cookieName, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
