import { ProviderHttpError } from '../../../shared/errors';
import { programId, rawCall, rejectionOf, useSimulator } from './simulator-harness';

describe('Partnero simulator and client: partners', () => {
  const world = useSimulator();

  it('creates a partner with a generated id and a distinct referral key', async () => {
    // Act
    const partner = await world.client.partners.create({ email: 'ann@example.com', name: 'Ann', tags: ['vip'] });

    // Assess
    expect(partner.id).toMatch(/^partner_/);
    expect(partner.key).toMatch(/^[a-z0-9]{12}$/);
    expect(partner.referral_link).toBe(`https://yourcompany.com?aff=${partner.key}`);
    expect(partner.tags).toEqual([{ value: 'vip' }]);
    expect(partner).toMatchObject({ status: 'active', approved: true });
  });

  it('refuses a second partner with the same email with a 422 naming the field', async () => {
    // Prepare
    await world.client.partners.create({ email: 'ann@example.com' });

    // Act
    const response = await rawCall(world.simulator, 'POST', '/partners', { email: 'ANN@example.com' });

    // Assess
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({
      message: 'The email has already been taken.',
      errors: { email: ['The email has already been taken.'] },
    });
  });

  it('resolves /partners/{id} by id only, while /partner resolves key, email and id', async () => {
    // Prepare
    const partner = await world.client.partners.create({ email: 'ann@example.com', key: 'ann-ref' });

    // Act
    const byKeyOnIdPath = await rejectionOf(world.client.partners.get('ann-ref'));
    const found = await Promise.all([
      world.client.partners.find({ key: 'ann-ref' }),
      world.client.partners.find({ email: 'ann@example.com' }),
      world.client.partners.find({ id: partner.id }),
    ]);

    // Assess
    expect((byKeyOnIdPath as ProviderHttpError).status).toBe(404);
    expect(found.map((match) => match?.id)).toEqual([partner.id, partner.id, partner.id]);
  });

  it('shows referral figures and pending commission on GET /partners/{id}', async () => {
    // Prepare
    const partner = await world.client.partners.create({ email: 'ann@example.com' });
    await world.client.customers.create({ key: 'c1', partner: { id: partner.id } });
    await world.client.transactions.create({ key: 't1', amount: 200, amount_units: 'EUR', customer: { key: 'c1' } });

    // Act
    const detail = await world.client.partners.get(partner.id);

    // Assess
    expect(detail).toMatchObject({
      referrals: { signups: 1, sales_count: 1 },
      commissions: { pending: [{ currency: 'EUR', amount: 60 }] },
    });
  });

  it('searches partners by a partial key', async () => {
    // Prepare
    await world.client.partners.create({ email: 'a@example.com', key: 'alpha-one' });
    await world.client.partners.create({ email: 'b@example.com', key: 'beta-two' });

    // Act
    const response = await rawCall(world.simulator, 'GET', '/partners:search?key=alpha');

    // Assess
    expect((response.json.data as { key: string }[]).map((partner) => partner.key)).toEqual(['alpha-one']);
  });

  it('pages partners by limit and page and reads them all by following links.next', async () => {
    // Prepare
    for (let i = 1; i <= 5; i += 1) world.simulator.control.partners.create(programId, { email: `p${i}@example.com` });

    // Act
    const first = await world.client.partners.listPage({ limit: 2 });
    const all: string[] = [];
    for await (const partner of world.client.partners.all(2)) all.push(partner.email);

    // Assess
    expect(first.items).toHaveLength(2);
    expect(first.nextUrl).toContain('page=2');
    expect(all).toEqual(['p1@example.com', 'p2@example.com', 'p3@example.com', 'p4@example.com', 'p5@example.com']);
    expect(world.simulator.control.requestCounts()['/v1/partners']?.reads).toBe(4);
  });

  it('answers pages with links and meta but no totals', async () => {
    // Prepare
    world.simulator.control.partners.create(programId, { email: 'p1@example.com' });

    // Act
    const response = await rawCall(world.simulator, 'GET', '/partners?limit=1');

    // Assess
    expect(response.json.links).toEqual({
      first: expect.stringContaining('page=1'),
      last: null,
      prev: null,
      next: null,
    });
    expect(response.json.meta).toEqual({
      current_page: 1,
      from: 1,
      to: 1,
      per_page: 1,
      path: `${world.simulator.url}/v1/partners`,
    });
  });

  it('updates by id with the documented {update} body, where [] clears the tags', async () => {
    // Prepare
    const partner = await world.client.partners.create({ email: 'ann@example.com', tags: ['vip'] });

    // Act
    const updated = await world.client.partners.update(partner.id, { name: 'Annie', tags: [] });

    // Assess
    expect(updated).toMatchObject({ name: 'Annie', tags: [] });
  });

  it('updates by email in the body with a flat body, where null keeps the tags', async () => {
    // Prepare
    await world.client.partners.create({ email: 'ann@example.com', tags: ['vip'] });

    // Act
    const response = await rawCall(world.simulator, 'PUT', '/partners', {
      email: 'ann@example.com',
      surname: 'Lee',
      tags: null,
    });

    // Assess
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({ email: 'ann@example.com', surname: 'Lee', tags: [{ value: 'vip' }] });
  });

  it('deletes by key in the body, after which the partner no longer resolves', async () => {
    // Prepare
    await world.client.partners.create({ email: 'ann@example.com', key: 'ann-ref' });

    // Act
    const response = await rawCall(world.simulator, 'DELETE', '/partners', { key: 'ann-ref' });

    // Assess
    expect(response.json).toEqual({ status: 1 });
    expect(await world.client.partners.find({ key: 'ann-ref' })).toBeUndefined();
  });

  it('archives once, refuses a second archive with 400 "Action failed", and restores', async () => {
    // Prepare
    const partner = await world.client.partners.create({ email: 'ann@example.com' });

    // Act
    const archived = await rawCall(world.simulator, 'POST', `/partners/${partner.id}/archive`);
    const again = await rawCall(world.simulator, 'POST', `/partners/${partner.id}/archive`);
    const statusWhileArchived = (await world.client.partners.get(partner.id)).status;
    const restored = await rawCall(world.simulator, 'POST', `/partners/${partner.id}/revoke-archive`);

    // Assess
    expect(archived.json).toEqual({ status: 1 });
    expect(again).toMatchObject({ status: 400, json: { message: 'Action failed' } });
    expect(statusWhileArchived).toBe('archived');
    expect(restored.json).toEqual({ status: 1 });
    expect((await world.client.partners.get(partner.id)).status).toBe('active');
  });

  it('holds new partners as pending in a program that does not approve them automatically', async () => {
    // Prepare
    const program = world.simulator.control.createProgram({ id: 'program_manual', autoApprovePartners: false });

    // Act
    const partner = world.simulator.control.partners.create(program.id, { email: 'wait@example.com' });

    // Assess
    expect(partner).toMatchObject({ status: 'pending', approved: false });
  });
});
