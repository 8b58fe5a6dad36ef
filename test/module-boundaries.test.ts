import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * CONVENTIONS item 13, checked on the source: one module does not reach into another's repository (it calls a
 * function the other module offers, in its index.ts), and routes do not import the database schema (they validate,
 * check the role and make one call). The failure lists every offending import, file by file. Start-up and
 * housekeeping code outside src/server/modules is not a module and may use a repository.
 */

const ROOT = join(import.meta.dirname, '..');
const SERVER = 'src/server';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or with import(). */
function importsOf(source: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) if (m[1]) found.push(m[1]);
  return found;
}

/** `file → target` for each import that crosses a boundary, the target resolved from the repository root. */
function boundaryViolations(file: string, source: string): string[] {
  const moduleOf = (path: string) => /^src\/server\/modules\/([^/]+)\//.exec(path)?.[1];
  const own = moduleOf(file);
  const isRoute = /\.routes\.ts$/.test(file);
  const out: string[] = [];
  for (const spec of importsOf(source)) {
    if (!spec.startsWith('.')) continue;
    const target = posix.normalize(posix.join(dirname(file), spec)).replace(/\.tsx?$/, '');
    const other = moduleOf(target);
    const intoRepository = own && other && other !== own && /\.repository$/.test(target);
    const routeIntoSchema = isRoute && /^src\/server\/db\/schema(\/|$)/.test(target);
    if (intoRepository || routeIntoSchema) out.push(`${file} → ${target}`);
  }
  return out;
}

describe('module boundaries (CONVENTIONS 13)', () => {
  const files = sourceFiles(SERVER);
  const violations = files.flatMap((file) => boundaryViolations(file, readFileSync(join(ROOT, file), 'utf8')));

  it('reads the server source', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/server/modules/centre/centre.routes.ts');
  });

  it("no module imports another module's repository, and no route imports db/schema", () => {
    expect(violations).toEqual([]);
  });

  it('finds the imports it forbids and lets the others through', () => {
    const centreFile = 'src/server/modules/centre/list-centres.ts';
    const source = [
      "import { rostersOf } from '../staff/staff.repository';",
      "import type { CentreRow } from './centre.repository';",
      "export { findPark } from '../park/park.repository';",
      "const lazy = await import('../operator/operator.repository');",
      "import { findCentreInScope } from '../centre';",
      "import { centres } from '../../db/schema';",
    ].join('\n');
    expect(boundaryViolations(centreFile, source)).toEqual([
      `${centreFile} → src/server/modules/staff/staff.repository`,
      `${centreFile} → src/server/modules/park/park.repository`,
      `${centreFile} → src/server/modules/operator/operator.repository`,
    ]);
    const routeFile = 'src/server/modules/centre/centre.routes.ts';
    expect(
      boundaryViolations(
        routeFile,
        "import { centres } from '../../db/schema';\nimport { parks } from '../../db/schema/park';\nimport { x } from './centre.repository';",
      ),
    ).toEqual([`${routeFile} → src/server/db/schema`, `${routeFile} → src/server/db/schema/park`]);
  });
});
