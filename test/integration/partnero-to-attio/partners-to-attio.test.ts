import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import * as syncWorld from './sync-world';
import { partneroToAttioWorld } from './world-per-file';

describe('Partnero partners reach Attio', () => {
  const world = partneroToAttioWorld();

  /** A record the sales team created in the program's workspace, as a workspace member. */
  const createdBySales = (program: syncWorld.ConnectedProgram, object: string, values: Record<string, unknown>) =>
    world.attio.control.createRecordAsMember(object, values, { workspaceId: program.workspaceId });

  /** A partner created in Partnero, once the sync has written it to Attio. */
  const partnerSynced = (program: syncWorld.ConnectedProgram, email: string, name: string, surname: string) =>
    syncWorld.createSyncedPartner(world, program, { email, name, surname });

  it('creates, updates and marks a partner in People, one record throughout', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    const partner = await partnerSynced(program, 'Jane.Roe@Example.com', 'Jane', 'Roe');
    // Act
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Doe' });
    await syncWorld.settle(world);
    world.partnero.control.partners.archive(program.programId, partner.id);
    await syncWorld.settle(world);
    // Assess
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    const person = people[0];
    expect(syncWorld.valuesOf(person, 'email_addresses').map((value) => value.email_address)).toEqual([
      'jane.roe@example.com',
    ]);
    expect(syncWorld.valuesOf(person, 'name')[0]).toMatchObject({
      first_name: 'Jane',
      last_name: 'Doe',
      full_name: 'Jane Doe',
    });
    expect(syncWorld.textOf(person, syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(syncWorld.textOf(person, syncAttributeSlugs.source)).toBe('Partnero');
    expect(syncWorld.textOf(person, syncAttributeSlugs.partnerStatus)).toBe('archived');
    const audit = await syncWorld.auditOf(world, program.programId, `partner:${partner.id}`);
    expect(audit.map((entry) => [entry.sourceEvent, entry.outcome]).reverse()).toEqual([
      ['partner.created', 'applied'],
      ['partner.updated', 'applied'],
      ['partner.archived', 'applied'],
    ]);
    expect(await syncWorld.linkOf(world, program.programId, 'partner', partner.id)).toMatchObject({
      attioObject: 'people',
      attioRecordId: person?.id.record_id,
    });
  });

  it('shows an approval and a rejection, and keeps a deleted partner marked deleted', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    const partner = world.partnero.control.partners.create(
      program.programId,
      { email: 'rex@example.com', name: 'Rex' },
      { status: 'pending' },
    );
    // The partner status the person shows once the sync has settled.
    const settledStatus = async () => {
      await syncWorld.settle(world);
      return syncWorld.textOf(syncWorld.recordsOf(world, program, 'people')[0], syncAttributeSlugs.partnerStatus);
    };
    const pending = await settledStatus();
    // Act
    world.partnero.control.partners.approve(program.programId, partner.id);
    const approved = await settledStatus();
    world.partnero.control.partners.reject(program.programId, partner.id);
    const rejected = await settledStatus();
    world.partnero.control.partners.delete(program.programId, partner.id);
    await syncWorld.settle(world);
    // Assess
    expect([pending, approved, rejected]).toEqual(['pending', 'active', 'rejected']);
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(syncWorld.textOf(people[0], syncAttributeSlugs.partnerStatus)).toBe('deleted');
    expect(syncWorld.valuesOf(people[0], 'email_addresses').map((value) => value.email_address)).toEqual([
      'rex@example.com',
    ]);
  });

  it('writes partners to Companies, adopting the company the sales team already has for the domain', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, { configure: syncWorld.partnersToCompanies });
    createdBySales(program, 'companies', {
      name: 'Acme (from sales)',
      domains: ['acme.example'],
      description: 'key account',
    });
    // Act
    const partner = await partnerSynced(program, 'owner@acme.example', 'Acme', 'Partners');
    // Assess
    const companies = syncWorld.recordsOf(world, program, 'companies');
    expect(companies).toHaveLength(1);
    expect(syncWorld.textOf(companies[0], 'name')).toBe('Acme Partners');
    expect(syncWorld.textOf(companies[0], 'description')).toBe('key account');
    expect(syncWorld.textOf(companies[0], syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(syncWorld.recordsOf(world, program, 'people')).toHaveLength(0);
    const [entry] = await syncWorld.auditOf(world, program.programId, `partner:${partner.id}`);
    expect(entry?.reason).toMatch(/adopted the existing record with the same domains/);
  });

  it('writes partners to a custom object through text attributes', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world, {
      configure: (settings) => {
        settings.partners.targetObject = syncWorld.CUSTOM_PARTNER_OBJECT;
        settings.partners.fieldMappings = [
          { partneroField: 'full_name', attioAttribute: 'name' },
          { partneroField: 'email', attioAttribute: 'email' },
          { partneroField: 'referral_link', attioAttribute: 'referral_link' },
        ];
      },
    });
    // Act
    const partner = world.partnero.control.partners.create(program.programId, {
      email: 'kim@example.com',
      name: 'Kim',
      surname: 'Lee',
      key: 'kimlee',
    });
    world.partnero.control.partners.update(program.programId, partner.id, { name: 'Kimberly' });
    await syncWorld.settle(world);
    // Assess
    const affiliates = syncWorld.recordsOf(world, program, syncWorld.CUSTOM_PARTNER_OBJECT);
    expect(affiliates).toHaveLength(1);
    expect([
      syncWorld.textOf(affiliates[0], 'name'),
      syncWorld.textOf(affiliates[0], 'email'),
      syncWorld.textOf(affiliates[0], 'referral_link'),
    ]).toEqual(['Kimberly Lee', 'kim@example.com', 'https://yourcompany.com?aff=kimlee']);
    expect(syncWorld.recordsOf(world, program, 'people')).toHaveLength(0);
  });

  it('adopts a person created in Attio with the same email instead of duplicating it', async () => {
    // Prepare
    const program = await syncWorld.connectProgram(world);
    createdBySales(program, 'people', { email_addresses: ['max@example.com'], job_title: 'Founder' });
    // Act
    const partner = await partnerSynced(program, 'max@example.com', 'Max', 'Power');
    // Assess
    const people = syncWorld.recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(syncWorld.textOf(people[0], syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(syncWorld.textOf(people[0], 'job_title')).toBe('Founder');
    expect(syncWorld.valuesOf(people[0], 'name')[0]).toMatchObject({ full_name: 'Max Power' });
  });

  it('writes nothing for a program whose partner sync is off, or that has not connected Attio', async () => {
    // Prepare
    const off = await syncWorld.connectProgram(world, {
      configure: (settings) => void (settings.partners.enabled = false),
    });
    const unconnected = await syncWorld.connectProgram(world, { withoutAttio: true });
    // Act
    const first = world.partnero.control.partners.create(off.programId, { email: 'off@example.com' });
    const second = world.partnero.control.partners.create(unconnected.programId, { email: 'nobody@example.com' });
    await syncWorld.settle(world);
    // Assess
    expect(syncWorld.recordsOf(world, off, 'people')).toHaveLength(0);
    expect(syncWorld.recordsOf(world, unconnected, 'people')).toHaveLength(0);
    expect(
      (await syncWorld.auditOf(world, off.programId, `partner:${first.id}`)).map((entry) => [
        entry.outcome,
        entry.reason,
      ]),
    ).toEqual([['skipped-by-settings', 'partner.created: partner sync is off for this program']]);
    expect(
      (await syncWorld.auditOf(world, unconnected.programId, `partner:${second.id}`)).map((entry) => entry.outcome),
    ).toEqual(['skipped-by-settings']);
  });
});
