import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config';
import { AppError } from '../lib/errors';

/**
 * What the browser is told and what it may send (issue 10; 等保 2.0 application security):
 * - headers (@fastify/helmet): a Content-Security-Policy the built app, ECharts and the API docs work under, no
 *   framing, nosniff, a referrer that leaves no path behind, HSTS once the deployment is HTTPS (COOKIE_SECURE);
 * - no caching of the API's answers unless a route says so (signed-in JSON and exports hold personal data);
 * - state changes only from the app's own pages (Origin), and JSON routes take JSON only — a form or a text/plain
 *   body, which another site can send without a CORS preflight, is refused before anything runs.
 * SameSite=Lax on the session cookie was the only guard before; these hold also where it does not (same-site
 * subdomains, older browsers).
 */
export async function registerBrowserProtections(app: FastifyInstance, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'none'"],
        // antd's icons and the API docs' own images are inline SVG / data: URIs; exports download as blobs.
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // antd 6 writes its CSS-in-JS into <style> elements at run time, and ECharts and the API docs set style
        // attributes; scripts, where an injection would do harm, stay 'self' only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        workerSrc: ["'self'", 'blob:'],
        // Only where the deployment is HTTPS: on plain HTTP (a LAN install) it would break every asset.
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    hsts: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // Downloads (exports, attachments) are opened from the app's own pages; nothing is embedded elsewhere.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });

  // Fastify parses text/plain by default; a JSON API has no use for it, and it is what a cross-site form can send.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request) => {
    if (!isStateChange(request)) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (!ownOrigins(request, config).has(origin.toLowerCase()))
        throw new AppError('ORIGIN_REFUSED', { origin: origin.slice(0, 200) });
      return;
    }
    // A browser that hides the Origin still says where the request came from; other systems (curl, a province
    // system calling the API) send neither and are let through to the sign-in and role checks.
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw new AppError('ORIGIN_REFUSED', { origin: 'cross-site' });
    }
  });

  // A body some route-scoped file parser took (uploads are raw bytes) reaching a route that expects JSON.
  app.addHook('preValidation', async (request) => {
    if (!Buffer.isBuffer(request.body) || takesRawBody(request)) return;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { contentType: contentTypeOf(request) });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // Every API answer (signed-in JSON, exports, downloads) stays out of shared and browser caches unless the route
    // chose its own policy (the public catalogue is cacheable). The API docs are static files of a package.
    if (isApi(request.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

const STATE_CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isApi(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

function isStateChange(request: FastifyRequest): boolean {
  return STATE_CHANGES.has(request.method) && request.url.startsWith('/api/');
}

/** The app's own origin as the browser sees it (scheme and Host of this request), and those ALLOWED_ORIGINS adds. */
function ownOrigins(request: FastifyRequest, config: AppConfig): Set<string> {
  const own = new Set(config.allowedOrigins.map((o) => o.toLowerCase()));
  const add = (scheme: string) => {
    try {
      own.add(new URL(`${scheme}://${request.host}`).origin.toLowerCase());
    } catch {
      // A Host header that is no host names no origin of ours.
    }
  };
  add(request.protocol);
  // Behind an HTTPS proxy not named in TRUST_PROXY the request arrives as http, but the browser's Origin is https.
  if (config.cookieSecure) add('https');
  return own;
}

/** Routes that take a file as the raw body declare their body as "anything" (z.any()). */
function takesRawBody(request: FastifyRequest): boolean {
  const body = (request.routeOptions.schema as { body?: { def?: { type?: string } } } | undefined)?.body;
  return body?.def?.type === 'any';
}

function contentTypeOf(request: FastifyRequest): string {
  return String(request.headers['content-type'] || '—').slice(0, 100);
}
