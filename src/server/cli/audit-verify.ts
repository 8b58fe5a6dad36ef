import { makeDeps, openDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { verifyAuditChain } from '../lib/audit';
import { auditAnchorPath } from '../lib/audit-anchor';

/**
 * `npm run audit:verify`: walk the operation log's HMAC-SM3 chain and print the first broken entry, then compare it
 * with the newest checkpoint in DATA_DIR/audit-anchors.jsonl. Exit code 0 when both hold, 1 when not.
 */
const config = loadConfig();
const database = await openDatabase(config);
try {
  const deps = makeDeps(config, database);
  const anchorFile = auditAnchorPath(config.dataDir);
  const result = await verifyAuditChain(deps.db, deps.auditKey, { anchorFile });
  if (!result.firstBroken) {
    console.log(
      `日志链完整 / audit chain intact: ${result.checked} entries (seq ${result.firstSeq ?? '-'}–${result.lastSeq ?? '-'})`,
    );
  } else {
    const where =
      result.firstBroken.seq === null
        ? `待入链记录 / pending entry id ${result.firstBroken.id}`
        : `seq ${result.firstBroken.seq}`;
    console.error(
      `日志链断裂 / audit chain BROKEN at ${where} (${result.firstBroken.reason}); ` +
        `${result.checked} entries verified before it`,
    );
  }
  const pending = result.pending;
  if (pending && pending.count > 0) {
    // Entries written and not yet given their place (decision 0021): normal for a moment, not for long.
    console.log(
      `待入链 / pending: ${pending.count} entries, ${pending.stale} waiting too long, ${pending.altered} altered`,
    );
  }
  if (!result.ok) process.exitCode = 1;
  const anchor = result.anchor;
  if (anchor) {
    const at = `seq ${anchor.seq ?? '-'}, ${anchor.at ?? '-'}, ${anchor.instance ?? '-'}`;
    const message = {
      none: `尚无有效的库外校验点 / no valid anchor yet in ${anchorFile}`,
      held: `与库外校验点一致 / matches the newest anchor (${at})`,
      purged: `库外校验点所指记录已按保留期限清理 / the newest anchor's entry was purged by retention (${at})`,
      broken: `与库外校验点不符 / does NOT match the newest anchor (${at})`,
    }[anchor.state];
    (anchor.state === 'broken' ? console.error : console.log)(message);
    if (anchor.invalidLines.length > 0) {
      console.error(
        `库外校验点签名无效 / anchor lines with a bad signature in ${anchorFile}: ${anchor.invalidLines.join(', ')}`,
      );
    }
  }
} finally {
  await database.close();
}
