import { createServer } from 'node:net';
import { startHttpApi } from '../../local/http-api-gateway';
import { startFailure } from '../../local/start-banner';

/** `npm start` on a port that is taken: one line that says so and how to go on, not a stack trace. */
describe('npm start on a taken port', () => {
  it('says in one line that the port is taken, with the way out, when the API port is in use', async () => {
    // Prepare: something else holds a port.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      // Act
      const failure = await startHttpApi([], { port }).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Assess
      const line = startFailure(failure, port);
      expect(line).toBe(
        `port ${port} is taken (another npm start?). Stop that process, or pick another port: PORT=${port + 1} npm start`,
      );
      expect(line).not.toContain('\n');
    } finally {
      holder.close();
    }
  });
});
