/**
 * An open-loop load generator, run as its own process so it does not share an event loop with
 * the server it measures. It starts requests on a fixed schedule (not when the previous one
 * ends), so a slow server cannot slow the offered load down and hide its own latency.
 *
 * Input (JSON on argv[2]): { target: 'http' | 'sqs', rate, durationSeconds, ... }.
 * Output (JSON on stdout): latencies in ms, status counts, achieved rate.
 */
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

interface HttpTarget {
  readonly target: 'http';
  readonly url: string;
  readonly secret: string;
  readonly signatureHeader: string;
  /** A template body; `__ID__` is replaced by a unique id per request so no two are duplicates. */
  readonly bodyTemplate: string;
  /** Headers given a fresh UUID on every request (e.g. Attio's `idempotency-key`). */
  readonly uniqueHeaders?: readonly string[];
}

interface SqsTarget {
  readonly target: 'sqs';
  readonly endpoint: string;
  readonly queueUrl: string;
  readonly bodyTemplate: string;
}

type LoadPlan = (HttpTarget | SqsTarget) & { readonly rate: number; readonly durationSeconds: number };

export interface LoadResult {
  readonly latenciesMs: number[];
  readonly statuses: Record<string, number>;
  readonly offered: number;
  readonly elapsedSeconds: number;
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as LoadPlan;
  const send = plan.target === 'http' ? httpSender(plan) : sqsSender(plan);
  const total = Math.round(plan.rate * plan.durationSeconds);
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / plan.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(index).then(({ status, ms }) => {
        latenciesMs.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
    );
  }
  await Promise.all(inFlight);
  const result: LoadResult = {
    latenciesMs,
    statuses,
    offered: total,
    elapsedSeconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(JSON.stringify(result));
}

function httpSender(plan: HttpTarget): () => Promise<{ status: string; ms: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(plan.url);
  const uniqueHeaderValues = () => Object.fromEntries((plan.uniqueHeaders ?? []).map((name) => [name, randomUUID()]));
  return () =>
    new Promise((resolve) => {
      const body = plan.bodyTemplate.replaceAll('__ID__', randomUUID());
      const signature = createHmac('sha256', plan.secret).update(body).digest('hex');
      const begin = performance.now();
      const outgoing = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', [plan.signatureHeader]: signature, ...uniqueHeaderValues() },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: String(response.statusCode), ms: performance.now() - begin }));
        },
      );
      outgoing.on('error', () => resolve({ status: 'error', ms: performance.now() - begin }));
      outgoing.end(body);
    });
}

function sqsSender(plan: SqsTarget): (index: number) => Promise<{ status: string; ms: number }> {
  const sqs = new SQSClient({
    endpoint: plan.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return async (index) => {
    const body = plan.bodyTemplate.replaceAll('__ID__', randomUUID());
    const begin = performance.now();
    try {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: plan.queueUrl,
          MessageBody: body,
          MessageGroupId: `g${index % 50}`,
          MessageDeduplicationId: randomUUID(),
        }),
      );
      return { status: '200', ms: performance.now() - begin };
    } catch {
      return { status: 'error', ms: performance.now() - begin };
    }
  };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
