/**
 * Object slugs by object id, per workspace, for a few minutes per container. Events name
 * objects by id, the rules by slug (`deals`, `people`); an object's slug almost never changes,
 * so the lookup is one Attio call per object per container, not one per event.
 */
export class ObjectSlugCache {
  private readonly entries = new Map<
    string,
    { readonly expiresAt: number; readonly slug: Promise<string | undefined> }
  >();

  constructor(
    private readonly ttlMs: number = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  slugOf(
    workspaceId: string,
    objectId: string,
    load: (objectId: string) => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const key = `${workspaceId}\n${objectId}`;
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.slug;
    const slug = load(objectId);
    this.entries.set(key, { expiresAt: this.now() + this.ttlMs, slug });
    slug.catch(() => {
      if (this.entries.get(key)?.slug === slug) this.entries.delete(key);
    });
    return slug;
  }
}
