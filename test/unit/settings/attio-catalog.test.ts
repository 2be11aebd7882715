import type { AttioClient } from '../../../shared/attio/attio-client';
import type { AttioAttribute } from '../../../shared/attio/schemas';
import { objectAttributes } from '../../../shared/settings/attio-catalog';
import { isMappableAttribute } from '../../../shared/settings/mapping-compatibility';
import { listedAttribute } from './listed-attribute';

const listed = listedAttribute;

/** An Attio client that only lists the given attributes. */
const clientListing = (attributes: AttioAttribute[]): AttioClient =>
  ({ attributes: { list: () => Promise.resolve(attributes) } }) as unknown as AttioClient;

describe('the Attio attributes the settings offer for mapping', () => {
  it('offers writable attributes, system or not, and leaves out archived and read-only ones', async () => {
    // Prepare
    const client = clientListing([
      listed('record_id', 'text', { is_writable: false }),
      listed('name', 'personal-name'),
      listed('email_addresses', 'email-address', { is_multiselect: true, is_unique: true }),
      listed('old_notes', 'text', { is_system_attribute: false, is_archived: true }),
      listed('partner_tier', 'select', { is_system_attribute: false }),
      { ...listed('nickname', 'text', { is_system_attribute: false }), is_writable: undefined, description: undefined },
    ]);

    // Act
    const summaries = await objectAttributes(client, 'people');

    // Assess
    expect(summaries?.map((summary) => summary.slug)).toEqual([
      'record_id',
      'name',
      'email_addresses',
      'partner_tier',
      'nickname',
    ]);
    expect(summaries?.filter(isMappableAttribute).map((summary) => summary.slug)).toEqual([
      'name',
      'email_addresses',
      'partner_tier',
      'nickname',
    ]);
    expect(summaries?.find((summary) => summary.slug === 'name')).toMatchObject({ isSystem: true, isWritable: true });
  });
});
