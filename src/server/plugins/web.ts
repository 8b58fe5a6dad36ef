import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendError } from './errors';

/** Vite names every file under assets/ by its content's hash: a changed file is a new name, so it may be kept. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web app (dist/web) and answers the app's own routes with index.html, so that the browser router
 * can take deep links. A path that names a file (it has an extension, or lies under /assets/) is a file or a 404 —
 * never the app with 200, which would hide a broken deployment and let the browser run HTML as a script. API paths
 * that match no route get a JSON 404.
 *
 * Files are looked up when asked for, not only those present at start-up: `npm run build:web` on a running server
 * replaces the hashed assets, and the new index.html must find them.
 */
export async function registerWeb(app: FastifyInstance, dir: string) {
  const webDir = path.resolve(dir);
  const hasWebDir = fs.existsSync(webDir);
  if (hasWebDir) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: false,
      index: false,
      // Our own cache headers below; send's default (public, max-age=0) says nothing useful.
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        const res = reply as unknown as FastifyReply;
        res.header('cache-control', cacheControlFor(webDir, filePath));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (pathname.startsWith('/api/') || !hasWebDir || !read) {
      return sendError(request, reply, 'ROUTE_NOT_FOUND', 404, {});
    }
    const file = builtFile(webDir, pathname);
    if (file) return reply.sendFile(file);
    if (looksLikeFile(pathname) || !fs.existsSync(path.join(webDir, 'index.html'))) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}

function cacheControlFor(webDir: string, filePath: string): string {
  const relative = path.relative(webDir, filePath).split(path.sep).join('/');
  // index.html names the current assets: always ask the server whether it changed.
  if (relative === 'index.html') return 'no-cache';
  return relative.startsWith('assets/') ? IMMUTABLE : 'public, max-age=3600';
}

/** /assets/app-3f2a.js, /favicon.ico, /robots.txt …: a path whose last segment has an extension. */
function looksLikeFile(pathname: string): boolean {
  return pathname.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(pathname.slice(pathname.lastIndexOf('/') + 1));
}

/** The path of a file of the build that the URL names, relative to webDir; never one outside it or a dotfile. */
function builtFile(webDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = path.posix.normalize(decoded).replace(/^\/+/, '');
  if (!relative || relative.split('/').some((s) => s === '..' || s.startsWith('.'))) return null;
  const full = path.join(webDir, relative);
  if (!full.startsWith(webDir + path.sep)) return null;
  try {
    return fs.statSync(full).isFile() ? relative : null;
  } catch {
    return null;
  }
}
