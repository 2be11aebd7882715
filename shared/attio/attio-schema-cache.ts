import type { AttioAttributeInfo, AttioObjectSchema, AttioStatusInfo } from './attio-schema';
import { objectSchemaOf } from './attio-schema';

export interface AttioSchemaReader {
  listAttributes(object: string): Promise<AttioAttributeInfo[]>;
  listStatuses(object: string, attribute: string): Promise<AttioStatusInfo[]>;
}

/**
 * Attribute and status lists per workspace, kept for a few minutes per container. A workspace's
 * schema changes rarely, and reading it at every event would double the Attio calls of the hot
 * path; when a write is refused for a schema reason the entry is dropped, so a newly created
 * attribute is seen at the next try.
 */
export class AttioSchemaCache {
  private readonly entries = new Map<string, { readonly expiresAt: number; readonly value: Promise<unknown> }>();

  constructor(
    private readonly ttlMs: number = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  objectSchema(workspaceId: string, object: string, reader: AttioSchemaReader): Promise<AttioObjectSchema> {
    return this.remember(`${workspaceId}\n${object}`, async () => objectSchemaOf(await reader.listAttributes(object)));
  }

  statuses(
    workspaceId: string,
    object: string,
    attribute: string,
    reader: AttioSchemaReader,
  ): Promise<AttioStatusInfo[]> {
    return this.remember(`${workspaceId}\n${object}\n${attribute}`, () => reader.listStatuses(object, attribute));
  }

  /** Forgets what is known about an object of a workspace (its attributes and statuses). */
  forget(workspaceId: string, object: string): void {
    const prefix = `${workspaceId}\n${object}`;
    for (const key of this.entries.keys())
      if (key === prefix || key.startsWith(`${prefix}\n`)) this.entries.delete(key);
  }

  private remember<Value>(key: string, load: () => Promise<Value>): Promise<Value> {
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value as Promise<Value>;
    const value = load();
    this.entries.set(key, { expiresAt: this.now() + this.ttlMs, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
