import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findFreePort } from './free-port';
import { localCredentials, LOCAL_REGION } from './local-credentials';
import { readyEmulator, startSupervised, type RunningEmulator } from './supervised-process';

/**
 * Starts AWS's own DynamoDB Local (the jar shipped inside the npm package
 * `amplify-dynamodb-simulator`) in memory on a free port of 127.0.0.1. It has transactions, conditional
 * writes and the rest of the real API, which dynalite lacks. It runs through `LoopbackDynamoDbLocal.java`
 * because the jar itself can only listen on every interface, and a table reachable from the network
 * could be rewritten by anyone on it.
 */
export async function startDynamoDbLocal(): Promise<RunningEmulator> {
  const emulatorDir = join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const port = await findFreePort();
  const emulator = startSupervised(
    'DynamoDB Local',
    'java',
    [
      `-Djava.library.path=${join(emulatorDir, 'DynamoDBLocal_lib')}`,
      '-Xmx512m',
      // The jar's manifest brings DynamoDBLocal_lib/ (Jetty among it) onto the class path.
      '-cp',
      join(emulatorDir, 'DynamoDBLocal.jar'),
      join(__dirname, 'LoopbackDynamoDbLocal.java'),
      '-inMemory',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    // DynamoDB Local writes a metadata file into its working directory: keep it out of the project.
    { quiet: true, cwd: tmpdir() },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials, maxAttempts: 1 });
  try {
    // 60 s: a cold JVM that first compiles the launcher takes a few seconds more than the bare jar,
    // and several times that on a machine whose cores are busy.
    return await readyEmulator(
      'DynamoDB Local',
      emulator,
      endpoint,
      () => client.send(new ListTablesCommand({})),
      60_000,
    );
  } finally {
    client.destroy();
  }
}
