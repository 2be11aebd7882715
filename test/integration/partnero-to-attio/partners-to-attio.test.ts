import { syncAttributeSlugs } from '../../../shared/attio/sync-attribute-slugs';
import {
  auditOf,
  connectProgram,
  createSyncedPartner,
  partnersToCompanies,
  CUSTOM_PARTNER_OBJECT,
  linkOf,
  recordsOf,
  settle,
  textOf,
  valuesOf,
  type ConnectedProgram,
} from './sync-world';
import { partneroToAttioWorld } from './world-per-file';

describe('Partnero partners reach Attio', () => {
  const world = partneroToAttioWorld();

  /** A record the sales team created in the program's workspace, as a workspace member. */
  const createdBySales = (program: ConnectedProgram, object: string, values: Record<string, unknown>) =>
    world.attio.control.createRecordAsMember(object, values, { workspaceId: program.workspaceId });

  it('creates, updates and marks a partner in People, one record throughout', async () => {
    // Prepare
    const program = await connectProgram(world);
    const partner = await createSyncedPartner(world, program, {
      email: 'Jane.Roe@Example.com',
      name: 'Jane',
      surname: 'Roe',
    });
    // Act
    world.partnero.control.partners.update(program.programId, partner.id, { surname: 'Doe' });
    await settle(world);
    world.partnero.control.partners.archive(program.programId, partner.id);
    await settle(world);
    // Assess
    const people = recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    const person = people[0];
    expect(valuesOf(person, 'email_addresses').map((value) => value.email_address)).toEqual(['jane.roe@example.com']);
    expect(valuesOf(person, 'name')[0]).toMatchObject({ first_name: 'Jane', last_name: 'Doe', full_name: 'Jane Doe' });
    expect(textOf(person, syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(textOf(person, syncAttributeSlugs.source)).toBe('Partnero');
    expect(textOf(person, syncAttributeSlugs.partnerStatus)).toBe('archived');
    const audit = await auditOf(world, program.programId, `partner:${partner.id}`);
    expect(audit.map((entry) => [entry.sourceEvent, entry.outcome]).reverse()).toEqual([
      ['partner.created', 'applied'],
      ['partner.updated', 'applied'],
      ['partner.archived', 'applied'],
    ]);
    expect(await linkOf(world, program.programId, 'partner', partner.id)).toMatchObject({
      attioObject: 'people',
      attioRecordId: person?.id.record_id,
    });
  });

  it('shows an approval and a rejection, and keeps a deleted partner marked deleted', async () => {
    // Prepare
    const program = await connectProgram(world);
    const partner = world.partnero.control.partners.create(
      program.programId,
      { email: 'rex@example.com', name: 'Rex' },
      { status: 'pending' },
    );
    await settle(world);
    const pending = textOf(recordsOf(world, program, 'people')[0], syncAttributeSlugs.partnerStatus);
    // Act
    world.partnero.control.partners.approve(program.programId, partner.id);
    await settle(world);
    const approved = textOf(recordsOf(world, program, 'people')[0], syncAttributeSlugs.partnerStatus);
    world.partnero.control.partners.reject(program.programId, partner.id);
    await settle(world);
    const rejected = textOf(recordsOf(world, program, 'people')[0], syncAttributeSlugs.partnerStatus);
    world.partnero.control.partners.delete(program.programId, partner.id);
    await settle(world);
    // Assess
    expect([pending, approved, rejected]).toEqual(['pending', 'active', 'rejected']);
    const people = recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(textOf(people[0], syncAttributeSlugs.partnerStatus)).toBe('deleted');
    expect(valuesOf(people[0], 'email_addresses').map((value) => value.email_address)).toEqual(['rex@example.com']);
  });

  it('writes partners to Companies, adopting the company the sales team already has for the domain', async () => {
    // Prepare
    const program = await connectProgram(world, { configure: partnersToCompanies });
    createdBySales(program, 'companies', {
      name: 'Acme (from sales)',
      domains: ['acme.example'],
      description: 'key account',
    });
    // Act
    const partner = await createSyncedPartner(world, program, {
      email: 'owner@acme.example',
      name: 'Acme',
      surname: 'Partners',
    });
    // Assess
    const companies = recordsOf(world, program, 'companies');
    expect(companies).toHaveLength(1);
    expect(textOf(companies[0], 'name')).toBe('Acme Partners');
    expect(textOf(companies[0], 'description')).toBe('key account');
    expect(textOf(companies[0], syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(recordsOf(world, program, 'people')).toHaveLength(0);
    const [entry] = await auditOf(world, program.programId, `partner:${partner.id}`);
    expect(entry?.reason).toMatch(/adopted the existing record with the same domains/);
  });

  it('writes partners to a custom object through text attributes', async () => {
    // Prepare
    const program = await connectProgram(world, {
      configure: (settings) => {
        settings.partners.targetObject = CUSTOM_PARTNER_OBJECT;
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
    await settle(world);
    // Assess
    const affiliates = recordsOf(world, program, CUSTOM_PARTNER_OBJECT);
    expect(affiliates).toHaveLength(1);
    expect([
      textOf(affiliates[0], 'name'),
      textOf(affiliates[0], 'email'),
      textOf(affiliates[0], 'referral_link'),
    ]).toEqual(['Kimberly Lee', 'kim@example.com', 'https://yourcompany.com?aff=kimlee']);
    expect(recordsOf(world, program, 'people')).toHaveLength(0);
  });

  it('adopts a person created in Attio with the same email instead of duplicating it', async () => {
    // Prepare
    const program = await connectProgram(world);
    createdBySales(program, 'people', { email_addresses: ['max@example.com'], job_title: 'Founder' });
    // Act
    const partner = await createSyncedPartner(world, program, {
      email: 'max@example.com',
      name: 'Max',
      surname: 'Power',
    });
    // Assess
    const people = recordsOf(world, program, 'people');
    expect(people).toHaveLength(1);
    expect(textOf(people[0], syncAttributeSlugs.partnerId)).toBe(partner.id);
    expect(textOf(people[0], 'job_title')).toBe('Founder');
    expect(valuesOf(people[0], 'name')[0]).toMatchObject({ full_name: 'Max Power' });
  });

  it('writes nothing for a program whose partner sync is off, or that has not connected Attio', async () => {
    // Prepare
    const off = await connectProgram(world, { configure: (settings) => void (settings.partners.enabled = false) });
    const unconnected = await connectProgram(world, { withoutAttio: true });
    // Act
    const first = world.partnero.control.partners.create(off.programId, { email: 'off@example.com' });
    const second = world.partnero.control.partners.create(unconnected.programId, { email: 'nobody@example.com' });
    await settle(world);
    // Assess
    expect(recordsOf(world, off, 'people')).toHaveLength(0);
    expect(recordsOf(world, unconnected, 'people')).toHaveLength(0);
    expect(
      (await auditOf(world, off.programId, `partner:${first.id}`)).map((entry) => [entry.outcome, entry.reason]),
    ).toEqual([['skipped-by-settings', 'partner.created: partner sync is off for this program']]);
    expect((await auditOf(world, unconnected.programId, `partner:${second.id}`)).map((entry) => entry.outcome)).toEqual(
      ['skipped-by-settings'],
    );
  });
});
