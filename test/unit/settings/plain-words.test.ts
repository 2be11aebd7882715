import {
  eventLabel,
  outcomeBadge,
  plainDetails,
  recordLabel,
} from '../../../functions/settings-page/browser/plain-words';

/** The plain details of a Partnero-to-Attio history entry with this outcome and technical reason. */
function partneroToAttioDetails(outcome: 'failed' | 'rejected', reason: string) {
  return plainDetails({ outcome, direction: 'partnero-to-attio', reason });
}

/** The History and Status tabs speak to program managers, not operators. */
describe('the sync history in plain words', () => {
  it('names events and records as a program manager would', () => {
    expect(eventLabel('partner.updated')).toBe('Partner changed');
    expect(eventLabel('record.merged')).toBe('Attio record merged');
    expect(eventLabel('settings.saved')).toBe('Settings saved');
    expect(eventLabel('something_new.odd')).toBe('Something new odd');
    expect(recordLabel('partner:abc')).toBe('Partner abc');
    expect(recordLabel('attio:people:bf071e1f-6035-429d-b874-d83ea64ea13b')).toBe(
      'Attio person …64ea13b'.replace('64ea13b', 'a64ea13b'),
    );
    expect(recordLabel('settings:v3')).toBe('Settings version 3');
  });

  it('says what failed and what to do instead of the error class and the API call', () => {
    // Act
    const failed = partneroToAttioDetails('failed', 'RetryableError: partnero answered 500 to partners.find');
    // Assess
    expect(failed.text).toBe(
      'Partnero had a temporary problem, so this change could not be synced after several tries.',
    );
    expect(failed.action).toContain('send it again');
    expect(`${failed.text} ${failed.action ?? ''}`).not.toMatch(/RetryableError|partners\.find|500/);
  });

  it('replaces "asserted on <attribute>" by how the record was found', () => {
    // Act
    const rejected = partneroToAttioDetails(
      'rejected',
      'partner.updated written to people (asserted on partnero_partner_id) but refused',
    );
    // Assess
    expect(rejected.text).toBe(
      'Not synced: partner changed written to Attio people (matched by its Partnero id) but refused.',
    );
  });

  it('labels records "Synced" and settings or backfill entries "Done"', () => {
    expect(outcomeBadge({ outcome: 'applied', direction: 'partnero-to-attio' }).label).toBe('Synced');
    expect(outcomeBadge({ outcome: 'applied', direction: 'settings' }).label).toBe('Done');
    expect(outcomeBadge({ outcome: 'applied', direction: 'backfill' }).label).toBe('Done');
  });
});
