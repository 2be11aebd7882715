import { companySchema, peopleSchema } from './attribute-fixtures';
import { partnerStatusLabel, planPartnerRecord } from '../../../shared/partnero-to-attio/partner-record';
import { aPartner } from './partnero-deliveries';

describe('planPartnerRecord', () => {
  it('writes a partner into People: email list, personal name, tag, marker and status', () => {
    // Prepare
    const settings = {
      enabled: true,
      targetObject: 'people',
      fieldMappings: [
        { partneroField: 'email', attioAttribute: 'email_addresses' },
        { partneroField: 'full_name', attioAttribute: 'name' },
      ],
    };
    // Act
    const plan = planPartnerRecord(aPartner(), 'active', settings, peopleSchema);
    // Assess
    expect(plan).toMatchObject({
      object: 'people',
      matchingAttribute: 'partnero_partner_id',
      adoptBy: 'email_addresses',
    });
    expect(plan.values).toEqual({
      email_addresses: ['john.doe@partnero.com'],
      name: { first_name: 'John', last_name: 'Doe', full_name: 'John Doe' },
      partnero_partner_id: 'partner_123',
      partnero_source: 'Partnero',
      partnero_partner_status: 'active',
    });
  });

  it('writes a partner into Companies: the name as text and the email domain as the domain', () => {
    // Prepare
    const settings = {
      enabled: true,
      targetObject: 'companies',
      fieldMappings: [
        { partneroField: 'full_name', attioAttribute: 'name' },
        { partneroField: 'email_domain', attioAttribute: 'domains' },
      ],
    };
    // Act
    const plan = planPartnerRecord(aPartner(), 'active', settings, companySchema);
    // Assess
    expect(plan.values).toMatchObject({ name: 'John Doe', domains: ['partnero.com'] });
    expect(plan.adoptBy).toBe('domains');
  });

  it('writes only the mapped fields', () => {
    // Prepare
    const settings = {
      enabled: true,
      targetObject: 'people',
      fieldMappings: [{ partneroField: 'referral_link', attioAttribute: 'job_title' }],
    };
    // Act
    const plan = planPartnerRecord(aPartner(), 'active', settings, peopleSchema);
    // Assess
    expect(Object.keys(plan.values).sort()).toEqual([
      'job_title',
      'partnero_partner_id',
      'partnero_partner_status',
      'partnero_source',
    ]);
  });

  it('refuses a mapping of a field Partnero partners do not have', () => {
    const settings = {
      enabled: true,
      targetObject: 'people',
      fieldMappings: [{ partneroField: 'phone', attioAttribute: 'job_title' }],
    };
    expect(() => planPartnerRecord(aPartner(), 'active', settings, peopleSchema)).toThrow(
      /not a Partnero partner field/,
    );
  });
});

describe('partnerStatusLabel', () => {
  it("shows Partnero's own status", () => {
    expect(partnerStatusLabel(aPartner({ status: 'archived' }), 'partner.archived')).toBe('archived');
    expect(partnerStatusLabel(aPartner({ status: 'pending', approved: false }), 'partner.created')).toBe('pending');
  });

  it('shows rejected for the rejection, which Partnero reports as pending and not approved', () => {
    expect(partnerStatusLabel(aPartner({ status: 'pending', approved: false }), 'partner.rejected')).toBe('rejected');
    expect(partnerStatusLabel(aPartner({ status: 'active', approved: true }), 'partner.rejected')).toBe('active');
  });
});
