/** A progress bar on a terminal (cli-progress on stderr); nothing when output is not a TTY. */
import cliProgress from "cli-progress";

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} |{bar}| {percentage}% | {value}/{total} 只气瓶 | {rate} 只/秒 | 剩余 {eta_formatted}`,
      hideCursor: true,
      fps: 5,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = performance.now();
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0, { rate: 0 });
        started = true;
      }
      const seconds = (performance.now() - t0) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0 });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
