import { and, asc, eq } from 'drizzle-orm';
import { buildApp } from './app';
import { makeDeps, openDatabase, prepareDatabase } from './bootstrap';
import { loadConfig } from './config';
import { DataDirInUseError } from './db/client';
import { users } from './db/schema';
import { demoPassword } from './demo/demo-password';
import { databaseHasUsers, loadDemo } from './demo/load-demo';
import { clearCrashLeftovers, startHousekeeping } from './housekeeping';
import { attachAuditSequencer } from './lib/audit';
import { writeAuditAnchor } from './lib/audit-anchor';
import { createLogStream } from './lib/log-format';
import { handleShutdown } from './shutdown';

// Installed before anything opens, so that a signal during start-up stops cleanly too (src/server/shutdown.ts).
const shutdown = handleShutdown();

/** config → database → migrate → demo data if empty → listen (CONVENTIONS). */
async function main() {
  // The official calendar (chinese-days) answers in the process's time zone; a server west of Greenwich would
  // count working-day deadlines a day off. The platform is Hubei's: run on Beijing time unless told otherwise.
  process.env.TZ ??= 'Asia/Shanghai';
  const config = loadConfig();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(config);
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  shutdown.add('数据库 / database', () => database.close());
  const deps = makeDeps(config, database);
  await prepareDatabase(database, deps);
  await shutdown.checkpoint();
  const leftovers = await clearCrashLeftovers(deps);

  const password = demoPassword(config.demoPassword, config.dataDir);
  let demoNote = '';
  if (!(await databaseHasUsers(deps))) {
    const started = Date.now();
    const accounts = await loadDemo(deps, password);
    demoNote = `已载入演示数据 / demo data loaded: ${accounts.length} accounts in ${Date.now() - started} ms\n`;
  }
  await shutdown.checkpoint();

  const app = await buildApp(deps, {
    logger: { level: config.logLevel, stream: createLogStream(config.logFormat, process.stdout) },
  });
  // The last checkpoint of the audit chain, after the last request has been answered (docs/decisions/0007).
  shutdown.add('审计检查点 / audit checkpoint', () => writeAuditAnchor(deps));
  const stopHousekeeping = startHousekeeping(deps, app.log);
  // Besides the run after each commit: entries another instance committed and did not sequence (decision 0021).
  const sequencer = attachAuditSequencer(deps.db, deps.auditKey);
  sequencer.reportTo((err) => app.log.error({ err }, 'audit sequencer run failed; the next run retries'));
  sequencer.start(1000);
  shutdown.add('审计日志排序 / audit sequencer', async () => {
    sequencer.stop();
    await sequencer.flush();
  });
  shutdown.add('定时任务 / housekeeping', stopHousekeeping);
  // Requests under way are answered first (idle keep-alive connections are closed at once).
  shutdown.add('HTTP 服务 / HTTP server', () => app.close());
  await app.listen({ port: config.port, host: config.host });

  if (leftovers.abandonedImports || leftovers.orphanUploads)
    app.log.warn(leftovers, 'cleared what an earlier run left behind (interrupted imports, files without a record)');

  const url = `http://localhost:${config.port}`;
  const [sampleEnterprise] = await deps.db
    .select({ username: users.username, name: users.displayName })
    .from(users)
    .where(and(eq(users.role, 'enterprise'), eq(users.isDemo, true)))
    .orderBy(asc(users.id))
    .limit(1);
  const source = config.demoPassword
    ? '（来自 DEMO_PASSWORD / from DEMO_PASSWORD）'
    : `（保存在 / kept in ${config.dataDir}/demo-password.txt）`;
  console.log(`
湖北省对外贸易综合服务平台 / Hubei Foreign Trade Service Platform
  地址 URL:        ${url}
  接口文档 API:     ${url}/api/docs   (${url}/api/openapi.json)
  数据库 Database:  ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}
  附件 Files:       ${deps.files.describe()}
${demoNote}
演示账号 / demo sign-ins (password ${password} ${source}):
  admin                    系统管理员 / administrator
  province                 省商务厅 / provincial department
  city.<市州代码>           市州商务局, e.g. city.420100 (武汉市), city.420500 (宜昌市), city.429004 (仙桃市)
  county.<县区代码>         县（市、区）商务局 of every county with a park, e.g. county.420111
  park.<园区 id>            园区管委会 of every park, e.g. park.1
  operator.<中心 id>        承办企业 of every recognised centre, e.g. operator.1
  evaluator.1              第三方评估机构 / third-party evaluator
  enterprise.<信用代码>      外贸企业 served by the operating centres${sampleEnterprise ? `, e.g. ${sampleEnterprise.username} (${sampleEnterprise.name})` : ''}
`);

  shutdown.ready();
}

// A failed start (the port taken, a migration refused) still closes what it opened, so the folder is left free.
main().catch(async (err) => {
  console.error(err);
  await shutdown.run(1);
});
