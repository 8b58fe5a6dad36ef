import { makeDeps, openDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { verifyAuditChain } from '../lib/audit';

/**
 * `npm run audit:verify`: walk the operation log's HMAC-SM3 chain and print the first broken entry.
 * Exit code 0 when the chain holds, 1 when it is broken.
 */
const config = loadConfig();
const database = await openDatabase(config);
try {
  const deps = makeDeps(config, database);
  const result = await verifyAuditChain(deps.db, deps.auditKey);
  if (result.ok) {
    console.log(
      `日志链完整 / audit chain intact: ${result.checked} entries (seq ${result.firstSeq ?? '-'}–${result.lastSeq ?? '-'})`,
    );
  } else {
    console.error(
      `日志链断裂 / audit chain BROKEN at seq ${result.firstBroken?.seq} (${result.firstBroken?.reason}); ` +
        `${result.checked} entries verified before it`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
