import fs from 'node:fs';

// USER_HZ, the unit of /proc's utime and stime; 100 on every mainstream Linux build.
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) this process's main thread has used, from /proc; NaN off Linux.
 * Unlike wall-clock throughput it does not move when other processes take the shared cores, so CPU
 * per request compares two servers fairly on a busy machine. Worker threads (the load generator)
 * and V8's helper threads are not counted.
 */
export function mainThreadCpuMs(): number {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  } catch {
    return Number.NaN;
  }
  // Fields after "(comm)" start at field 3, so utime (14) and stime (15) are at 11 and 12.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
