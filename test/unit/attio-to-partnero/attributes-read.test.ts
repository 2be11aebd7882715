import { attributesReadFromAttio } from '../../../shared/attio-to-partnero/attributes-read';
import { defaultProgramSettings, type ProgramSettings } from '../../../shared/programs/program-settings';

describe('attributesReadFromAttio', () => {
  const settings = (change: (settings: ProgramSettings) => void = () => undefined): ProgramSettings => {
    const base = defaultProgramSettings();
    change(base);
    return base;
  };

  it("reads a deal's stage, value, associated people and transaction tag while deal sync is on", () => {
    expect(attributesReadFromAttio('deals', settings()).sort()).toEqual([
      'associated_people',
      'partnero_transaction_key',
      'stage',
      'value',
    ]);
    expect(
      attributesReadFromAttio(
        'deals',
        settings((s) => (s.deals.enabled = false)),
      ),
    ).toEqual([]);
  });

  it("reads a person's emails, customer tag, mapped attributes and referring partner while customer sync is on", () => {
    const on = settings((s) => {
      s.customers.enabled = true;
      s.customers.fieldMappings = [
        { partneroField: 'email', attioAttribute: 'email_addresses' },
        { partneroField: 'tags', attioAttribute: 'customer_tags' },
      ];
      s.customers.referringPartnerAttribute = 'referred_by';
    });
    expect(attributesReadFromAttio('people', on).sort()).toEqual([
      'customer_tags',
      'email_addresses',
      'partnero_customer_key',
      'referred_by',
    ]);
    expect(attributesReadFromAttio('people', settings())).toEqual([]);
  });

  it('reads nothing of a partners-only object', () => {
    expect(
      attributesReadFromAttio(
        'companies',
        settings((s) => (s.partners.targetObject = 'companies')),
      ),
    ).toEqual([]);
  });
});
