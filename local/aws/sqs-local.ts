import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { localCredentials, LOCAL_REGION } from './local-credentials';
import { readyEmulator, startSupervised, type RunningEmulator } from './supervised-process';

/**
 * Starts fauxqs@1 (SQS JSON protocol, FIFO, deduplication, redrive to DLQ) on a free port.
 * fauxqs is ESM-only, so it runs as a child process: the same way under jest and `npm start`.
 */
export async function startSqsLocal(): Promise<RunningEmulator> {
  const port = await findFreePort();
  const emulator = startSupervised('fauxqs', process.execPath, [join(__dirname, 'fauxqs-server.mjs'), String(port)], {
    quiet: true,
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials, maxAttempts: 1 });
  try {
    return await readyEmulator('fauxqs', emulator, endpoint, () => client.send(new ListQueuesCommand({})));
  } finally {
    client.destroy();
  }
}
