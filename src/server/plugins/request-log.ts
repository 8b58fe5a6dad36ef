import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * One log line per request, written when the answer has gone: method, address, status, milliseconds and the
 * signed-in user, if any, instead of Fastify's "incoming request", "route not found" and "request completed" lines
 * with the whole request and reply in them (issue 11: the start-up banner must stay readable above the log).
 * The web app's own files and the health check answered well are logged at debug level: a page load fetches a dozen
 * files and a load balancer asks /healthz every few seconds. LOG_LEVEL=debug shows them.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const url = request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url;
    const status = reply.statusCode;
    const line = {
      method: request.method,
      url,
      status,
      ms: Math.round(reply.elapsedTime),
      user: request.user?.username,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request');
    else if (status < 400 && (url === '/healthz' || !url.startsWith('/api/'))) reply.log.debug(line, 'request');
    else reply.log.info(line, 'request');
  }
}
