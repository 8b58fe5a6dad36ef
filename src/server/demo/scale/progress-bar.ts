/**
 * A one-line progress bar for the terminal: phase, percentage, rows/s and time left, redrawn in place with \r.
 * Not a terminal (a log file, CI): a plain line every 10 %, so that the log stays readable.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stdout) {
  const tty = Boolean(stream.isTTY);
  let phase = '';
  let started = 0;
  let lastDraw = 0;
  let lastTenth = -1;
  return (name: string, done: number, total: number) => {
    const now = performance.now();
    if (name !== phase) {
      if (phase && tty) stream.write('\n');
      phase = name;
      started = now;
      lastTenth = -1;
    }
    const seconds = Math.max(0.001, (now - started) / 1000);
    const rate = done / seconds;
    const eta = rate > 0 ? (total - done) / rate : 0;
    const pct = total ? (100 * done) / total : 100;
    const line = `${name.padEnd(11)} ${pct.toFixed(1).padStart(5)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${formatSeconds(eta)}`;
    if (tty) {
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 24;
      const filled = Math.round((width * pct) / 100);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line}\x1b[K`);
      if (done >= total) {
        stream.write('\n');
        phase = '';
      }
    } else {
      const tenth = Math.floor(pct / 10);
      if (tenth === lastTenth && done < total) return;
      lastTenth = tenth;
      stream.write(`${line}\n`);
    }
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.round(s % 60)).padStart(2, '0')}`;
}
