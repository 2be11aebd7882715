import { AttioSchemaCache, type AttioSchemaReader } from '../../../shared/attio/attio-schema-cache';
import { dealStages, peopleAttributes } from '../partnero-to-attio/attribute-fixtures';

function countingReader(): AttioSchemaReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    listAttributes: async (object) => {
      calls.push(`attributes:${object}`);
      return peopleAttributes;
    },
    listStatuses: async (object, attribute) => {
      calls.push(`statuses:${object}.${attribute}`);
      return dealStages;
    },
  };
}

describe('AttioSchemaCache', () => {
  it('reads an object schema once per workspace while it is fresh', async () => {
    // Prepare
    let now = 0;
    const cache = new AttioSchemaCache(1000, () => now);
    const reader = countingReader();
    // Act
    await cache.objectSchema('w1', 'people', reader);
    await cache.objectSchema('w1', 'people', reader);
    await cache.objectSchema('w2', 'people', reader);
    now = 1001;
    const schema = await cache.objectSchema('w1', 'people', reader);
    // Assess
    expect(reader.calls).toEqual(['attributes:people', 'attributes:people', 'attributes:people']);
    expect(schema.get('email_addresses')?.isUnique).toBe(true);
  });

  it('forgets an object (attributes and statuses) on request', async () => {
    // Prepare
    const cache = new AttioSchemaCache();
    const reader = countingReader();
    await cache.objectSchema('w1', 'deals', reader);
    await cache.statuses('w1', 'deals', 'stage', reader);
    // Act
    cache.forget('w1', 'deals');
    await cache.objectSchema('w1', 'deals', reader);
    await cache.statuses('w1', 'deals', 'stage', reader);
    // Assess
    expect(reader.calls).toHaveLength(4);
  });

  it('does not keep a failed read', async () => {
    // Prepare
    const cache = new AttioSchemaCache();
    let fail = true;
    const reader: AttioSchemaReader = {
      listAttributes: async () => {
        if (fail) throw new Error('attio down');
        return peopleAttributes;
      },
      listStatuses: async () => [],
    };
    await expect(cache.objectSchema('w1', 'people', reader)).rejects.toThrow('attio down');
    fail = false;
    // Act
    const schema = await cache.objectSchema('w1', 'people', reader);
    // Assess
    expect(schema.size).toBe(peopleAttributes.length);
  });
});
