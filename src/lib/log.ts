// One pino logger for the process. JSON lines on stdout (stderr for the terminal chat), with
// secrets redacted in case a config object or an auth header is ever logged by mistake. A line
// written while a request is handled carries that request's id (`reqId`, src/lib/request-context.ts).
import pino, { type Level, type Logger } from 'pino';
import { currentRequestId } from './request-context';

export type { Logger };

export function createLogger(level: Level | 'silent', destination: NodeJS.WritableStream | number = 1): Logger {
  return pino(
    {
      level,
      base: { name: 'careers-faq-bot' },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      redact: {
        paths: [
          'microsoftAppPassword',
          'MicrosoftAppPassword',
          '*.microsoftAppPassword',
          '*.MicrosoftAppPassword',
          'directLine.secret',
          '*.directLine.secret',
          'DIRECT_LINE_SECRET',
          'directLine.tokenKey',
          '*.directLine.tokenKey',
          'DIRECT_LINE_TOKEN_KEY',
          'learning.salt',
          '*.learning.salt',
          'LEARNING_SALT',
          'adminToken',
          '*.adminToken',
          'ADMIN_TOKEN',
          'redis.url',
          '*.redis.url',
          'REDIS_URL',
          'req.headers.authorization',
          'headers.authorization',
          // The analytics page's session cookie opens it as the token does.
          'req.headers.cookie',
          'headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination,
  );
}
