import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

/** A loopback endpoint standing in for the sync's webhook route: records deliveries, fails or stalls on demand. */
export async function startWebhookReceiver() {
  const received: ReceivedDelivery[] = [];
  const plannedAnswers: { status: number; delayMs: number }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const answer = plannedAnswers.shift() ?? { status: 200, delayMs: 0 };
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(answer.status).end();
      }, answer.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/partnero/program_1`,
    received,
    /** The next deliveries get these statuses, in order; later ones get 200. */
    answerNext(...statuses: number[]) {
      plannedAnswers.push(...statuses.map((status) => ({ status, delayMs: 0 })));
    },
    /** The next delivery is answered only after `delayMs`. */
    stallNext(delayMs: number) {
      plannedAnswers.push({ status: 200, delayMs });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
