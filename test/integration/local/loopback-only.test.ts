import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { startHttpApi } from '../../../local/http-api-gateway';
import { startAttioSimulator } from '../../../simulators/attio';
import { startPartneroSimulator } from '../../../simulators/partnero';
import { localAwsEndpoints } from '../../support/local-aws-clients';

/** This machine's own addresses that other machines could reach (every non-loopback interface). */
function nonLoopbackAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !entry.address.startsWith('fe80:'))
    .map((entry) => entry.address);
}

/** Resolves 'connected' or the error code of a TCP connection attempt. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('what npm start runs listens on loopback only', () => {
  const stops: (() => Promise<void>)[] = [];
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    const { dynamoDbEndpoint, sqsEndpoint } = localAwsEndpoints();
    ports['DynamoDB Local'] = Number(new URL(dynamoDbEndpoint).port);
    ports.fauxqs = Number(new URL(sqsEndpoint).port);
    const attio = await startAttioSimulator();
    stops.push(() => attio.stop());
    ports['Attio simulator'] = Number(new URL(attio.url).port);
    const partnero = await startPartneroSimulator();
    stops.push(() => partnero.stop());
    ports['Partnero simulator'] = Number(new URL(partnero.url).port);
    const api = await startHttpApi([]);
    stops.push(() => api.stop());
    ports['local API gateway'] = Number(new URL(api.url).port);
  });

  afterAll(async () => {
    for (const stop of stops) await stop();
  });

  it('refuses connections to every port from this machine’s network addresses and accepts them on 127.0.0.1', async () => {
    // Prepare
    const addresses = nonLoopbackAddresses();
    expect(addresses.length).toBeGreaterThan(0);
    // Act
    const outcomes: Record<string, string> = {};
    for (const [name, port] of Object.entries(ports)) {
      outcomes[`${name} on 127.0.0.1`] = await tryConnect('127.0.0.1', port);
      for (const address of addresses) outcomes[`${name} on ${address}`] = await tryConnect(address, port);
    }
    // Assess
    const expected = Object.fromEntries(
      Object.keys(outcomes).map((key) => [key, key.endsWith('on 127.0.0.1') ? 'connected' : 'ECONNREFUSED']),
    );
    expect(outcomes).toEqual(expected);
  });
});
