import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Anything that looks like a Klipy API key; scrubbed from every log line. */
const KEY_PATTERN = /klipy_api_[0-9A-Za-z]{8,}/g;

/** Removes API-key-looking substrings, keeping only the display prefix shape. */
export const scrubSecrets = (text: string): string => text.replace(KEY_PATTERN, 'klipy_api_[REDACTED]');

/**
 * Structured JSON logs (or, on a terminal, the same lines made readable by pino-pretty). Auth headers and cookies are redacted by path, and any string
 * that looks like a key is scrubbed by the serializer as a second line of defence.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  format: 'json' | 'pretty' = 'json',
): Logger {
  // Synchronous, in this thread: no transport worker. It formats the scrubbed JSON line.
  const out =
    format === 'pretty'
      ? pretty({
          sync: true,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname',
          singleLine: true,
          ...(destination ? { destination, colorize: false } : {}),
        })
      : destination;
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-klipy-api-key"]',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          'headers.authorization',
          'headers["x-klipy-api-key"]',
          'headers.cookie',
          'password',
          '*.password',
        ],
        censor: '[REDACTED]',
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a));
          method.apply(this, cleaned as Parameters<typeof method>);
        },
        // The finished JSON line, so strings nested in objects and errors are covered too.
        streamWrite: scrubSecrets,
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    out,
  );
}
