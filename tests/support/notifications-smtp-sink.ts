import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps what it receives, parsed with mailparser.
 * `refuseNext(n)` answers the next n messages with a temporary failure (451); `down(true)` refuses all.
 * With `{ keep: false }` it only counts what it accepts (`count`), as a benchmark's sink, parsing nothing.
 */
export async function startSmtpSink(opts: { keep?: boolean } = {}) {
  const keep = opts.keep ?? true;
  const received: ParsedMail[] = [];
  let count = 0;
  let refuse = 0;
  let isDown = false;
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    // Pooled client connections stay open; do not wait 30 s for them on close.
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (isDown || refuse > 0) {
          if (refuse > 0) refuse--;
          refused++;
          const error = Object.assign(new Error('Service temporarily unavailable'), { responseCode: 451 });
          callback(error);
          return;
        }
        count++;
        if (!keep) {
          callback();
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch((e: Error) => callback(e));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(n: number) {
      refuse = n;
    },
    down(value: boolean) {
      isDown = value;
    },
    get refused() {
      return refused;
    },
    /** Messages accepted (kept or not). */
    get count() {
      return count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
