import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * `npm start`: build the web app when its sources are newer than dist/web, then run the server (main.ts) in this
 * same process, so that the process npm started is the server and nothing is left behind when it stops (issue 11).
 *
 * npm runs a script through `sh -c`, and dash (Debian's sh) does not exec its last command: npm forwards SIGTERM to
 * the shell, which dies, and this process is left orphaned. So we watch our parent: once it is gone we stop as if
 * the SIGTERM had come to us. Ctrl-C reaches us directly (the terminal signals the whole process group).
 */

const root = path.resolve(import.meta.dirname, '../..');
const builtIndex = path.join(root, 'dist/web/index.html');
// What goes into the bundle: the web app, the contracts it shares with the server, and how it is built.
const sources = ['src/web', 'src/contracts', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (file: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) visit(path.join(file, name));
    } else if (!/\.test\.tsx?$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const s of sources) visit(path.join(root, s));
  return newest;
}

function builtMtime(): number | undefined {
  try {
    return fs.statSync(builtIndex).mtimeMs;
  } catch {
    return undefined;
  }
}

async function buildWeb(): Promise<void> {
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  if (!fs.existsSync(vite)) {
    if (builtMtime() !== undefined) {
      console.warn('未安装 vite，使用已有的 dist/web / vite is not installed: serving the existing dist/web');
      return;
    }
    throw new Error(
      'dist/web 不存在且未安装 vite：请先运行 npm install / no dist/web and no vite: run npm install first',
    );
  }
  console.log('正在构建网页 / building the web app…');
  const started = Date.now();
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  // Stopped while building: end the build too rather than leave it running on its own.
  const stop = (signal: NodeJS.Signals) => {
    child.kill(signal);
    process.exit(1);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, stop);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (const s of signals) process.removeListener(s, stop);
  if (code !== 0) throw new Error(`网页构建失败 / the web build failed (exit ${code})`);
  console.log(`网页已构建 / web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function watchParent(): void {
  if (process.platform === 'win32') return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 250);
  timer.unref();
}

// package.json's engines; npm only warns, so say it here in words before something fails obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if ((major ?? 0) < 20 || (major === 20 && (minor ?? 0) < 19)) {
  console.error(
    `需要 Node.js 20.19 或更高版本，当前为 ${process.version} / Node.js 20.19 or later is needed, this is ${process.version}`,
  );
  process.exit(1);
}
watchParent();
const built = builtMtime();
if (built === undefined || newestSourceMtime() > built) await buildWeb();
await import('./main');
