// More of autocannon 8's result than bench/autocannon.d.ts declares (merged with it).
declare module 'autocannon' {
  interface Result {
    '2xx': number;
    errors: number;
    timeouts: number;
  }
}
