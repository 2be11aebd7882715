import { ProviderHttpError } from '../../../shared/errors';
import { apiKey, clientFor, programId, rawCall, rejectionOf, useSimulator } from './simulator-harness';

describe('Partnero simulator: authentication and envelopes', () => {
  const world = useSimulator();

  it('refuses a request without a Bearer key with 401 and a message', async () => {
    // Act
    const response = await fetch(`${world.simulator.url}/v1/partners`);

    // Assess
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthenticated.' });
  });

  it('reports an unknown API key as not verified and a known one as verified', async () => {
    // Prepare
    const stranger = clientFor(world.simulator, 'pk_unknown');

    // Act
    const results = [await stranger.verifyApiKey(), await world.client.verifyApiKey()];

    // Assess
    expect(results).toEqual([false, true]);
  });

  it('makes a 401 a ProviderHttpError for every other call', async () => {
    // Act
    const error = await rejectionOf(clientFor(world.simulator, 'pk_unknown').partners.get('partner_1'));

    // Assess
    expect(error).toBeInstanceOf(ProviderHttpError);
    expect((error as ProviderHttpError).status).toBe(401);
    expect((error as Error).message).not.toContain('pk_unknown');
  });

  it("scopes every resource to the key's program", async () => {
    // Prepare
    const other = world.simulator.control.createProgram({ id: 'program_2', apiKey: 'pk_test_program_2' });
    const partner = world.simulator.control.partners.create(programId, { email: 'ann@example.com' });

    // Act
    const seenByOther = await clientFor(world.simulator, other.apiKey).partners.find({ id: partner.id });
    const seenByOwner = await world.client.partners.find({ id: partner.id });

    // Assess
    expect(seenByOther).toBeUndefined();
    expect(seenByOwner?.email).toBe('ann@example.com');
  });

  it('wraps a resource in {data, status: 1} and a delete in {status: 1}', async () => {
    // Prepare
    const created = await rawCall(world.simulator, 'POST', '/partners', { email: 'bo@example.com' });

    // Act
    const deleted = await rawCall(world.simulator, 'DELETE', `/partners/${(created.json.data as { id: string }).id}`);

    // Assess
    expect(created.json).toMatchObject({ status: 1, data: { email: 'bo@example.com' } });
    expect(deleted).toMatchObject({ status: 200, json: { status: 1 } });
  });

  it('writes timestamps as YYYY-MM-DDTHH:MM:SS.000000Z', async () => {
    // Act
    const partner = await world.client.partners.create({ email: 'time@example.com' });

    // Assess
    expect(partner.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/);
  });

  it('answers a 404 with a message for an unknown resource', async () => {
    // Act
    const response = await rawCall(world.simulator, 'GET', '/transactions/nothing-here', undefined, apiKey);

    // Assess
    expect(response).toMatchObject({ status: 404, json: { message: 'Transaction not found' } });
  });
});
