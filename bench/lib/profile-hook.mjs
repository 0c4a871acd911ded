/**
 * Preloaded into a server by bench/profile.ts (`node --import`): SIGUSR2 starts V8's CPU
 * profiler, the next SIGUSR2 stops it and writes `<KLIPY_PROFILE_DIR>/<time>.cpuprofile`,
 * so a profile holds the measured window only (not start-up or warm-up).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const session = new Session();
session.connect();
let running = false;
process.on('SIGUSR2', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 100 }, () => session.post('Profiler.start')),
    );
    return;
  }
  running = false;
  session.post('Profiler.stop', (err, result) => {
    if (err) return console.error(err);
    const dir = process.env.KLIPY_PROFILE_DIR ?? '.';
    writeFileSync(`${dir}/${Date.now()}.cpuprofile`, JSON.stringify(result.profile));
  });
});
