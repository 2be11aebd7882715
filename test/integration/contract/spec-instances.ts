/**
 * Documents built from Attio's OpenAPI schemas, for feeding readers the payloads the document
 * allows rather than the ones a simulator happens to send.
 *
 * - `fullest`: every property the schema names, and null wherever the schema admits null.
 * - `thinnest`: only the required properties, and null wherever the schema admits null.
 *
 * Leaves take the schema's own `example` when it has one (so formats and patterns hold), else a
 * value of the declared type and format. An array gets one item per `anyOf` branch of its items,
 * so a record's values hold one value of every attribute type. A branch that is just `null`
 * makes the whole value null. Every document is still checked against the schema by the caller.
 */
export type NullPolicy = 'fullest' | 'thinnest';

type Schema = Record<string, unknown>;

export class SpecInstances {
  constructor(private readonly document: Schema) {}

  /** The schema at a JSON pointer into the document, e.g. `#/paths/~1v2~1self/get/responses/200/content/application~1json/schema`. */
  schemaAt(pointer: string): Schema {
    let node: unknown = this.document;
    for (const raw of pointer.replace(/^#\//, '').split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = (node as Record<string, unknown>)[key];
      if (node === undefined) throw new Error(`nothing at ${pointer} (${key})`);
    }
    return this.resolve(node as Schema);
  }

  /** One document per top-level `anyOf` branch (e.g. active and inactive `/v2/self`), or one. */
  instancesOf(schema: Schema, policy: NullPolicy): unknown[] {
    const resolved = this.resolve(schema);
    const branches = Array.isArray(resolved.anyOf)
      ? (resolved.anyOf as Schema[])
      : Array.isArray(resolved.oneOf)
        ? (resolved.oneOf as Schema[])
        : [resolved];
    return branches.map((branch) => this.instanceOf(branch, policy, 0));
  }

  private instanceOf(input: Schema, policy: NullPolicy, depth: number): unknown {
    const schema = this.resolve(input);
    if (depth > 40) throw new Error('schema nests too deep');
    if (admitsNull(schema)) return null;
    const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (branches) {
      if (branches.some((branch) => admitsNull(this.resolve(branch)))) return null;
      return this.instanceOf(branches[0] as Schema, policy, depth + 1);
    }
    const type = declaredType(schema);
    if (type === 'object') return this.objectOf(schema, policy, depth);
    if (type === 'array') {
      const items = this.resolve((schema.items ?? {}) as Schema);
      const itemBranches = (items.anyOf ?? items.oneOf) as Schema[] | undefined;
      const nonNull = itemBranches?.filter((branch) => !admitsNull(this.resolve(branch)));
      return nonNull && nonNull.length > 0
        ? nonNull.map((branch) => this.instanceOf(branch, policy, depth + 1))
        : [this.instanceOf(items, policy, depth + 1)];
    }
    return leafOf(schema, type);
  }

  private objectOf(schema: Schema, policy: NullPolicy, depth: number): Record<string, unknown> {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required ?? []) as string[]);
    const result: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(properties)) {
      if (policy === 'thinnest' && !required.has(name)) continue;
      result[name] = this.instanceOf(property, policy, depth + 1);
    }
    const extra = schema.additionalProperties;
    if (extra && typeof extra === 'object' && Object.keys(properties).length === 0)
      result.example_key = this.instanceOf(extra as Schema, policy, depth + 1);
    return result;
  }

  /** The schema behind any chain of `$ref`s. */
  resolve(schema: Schema): Schema {
    let current = schema;
    while (typeof current.$ref === 'string') current = this.schemaAt(current.$ref);
    return current;
  }
}

function admitsNull(schema: Schema): boolean {
  return (
    schema.nullable === true || schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))
  );
}

function declaredType(schema: Schema): string {
  const type = Array.isArray(schema.type)
    ? (schema.type as string[]).find((candidate) => candidate !== 'null')
    : (schema.type as string | undefined);
  if (type) return type;
  return schema.properties ? 'object' : schema.items ? 'array' : 'string';
}

const byFormat: Record<string, string> = {
  uuid: '3fa1c1d0-0000-4000-8000-000000000001',
  date: '2023-01-01T15:00:00.000000000Z',
  'date-time': '2023-01-01T15:00:00.000000000Z',
  email: 'person@example.com',
  uri: 'https://example.com/',
};

function leafOf(schema: Schema, type: string): unknown {
  const enumValues = Array.isArray(schema.enum) ? (schema.enum as unknown[]).filter((value) => value !== null) : [];
  if (enumValues.length > 0) return enumValues[0];
  if (schema.example !== undefined && schema.example !== null && typeof schema.example !== 'object')
    return schema.example;
  switch (type) {
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return byFormat[String(schema.format)] ?? 'text';
  }
}

/**
 * Where `value` differs in shape from `schema`: a property the schema names that the value
 * lacks (a nullable one must be there, as null), or a property the schema does not name on an
 * object that admits no others. `oneOf`/`anyOf` branches are told apart by the first property
 * whose enum holds the value's (`attribute_type`, `event_type`, ...).
 */
export function shapeProblems(instances: SpecInstances, value: unknown, input: Schema, path = ''): string[] {
  const schema = instances.resolve(input);
  if (value === null || value === undefined) return [];
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches) {
    const candidates = branches
      .map((branch) => instances.resolve(branch))
      .filter((branch) => !admitsNull(branch) || declaredType(branch) !== 'null');
    const chosen =
      candidates.find((branch) => discriminates(instances, branch, value)) ??
      candidates.find((branch) => typeMatches(branch, value));
    return chosen ? shapeProblems(instances, value, chosen, path) : [];
  }
  if (Array.isArray(value))
    return schema.items
      ? value.flatMap((item, index) => shapeProblems(instances, item, schema.items as Schema, `${path}[${index}]`))
      : [];
  const extra = schema.additionalProperties;
  const mapOf = extra && typeof extra === 'object' ? (extra as Schema) : undefined;
  if (typeof value !== 'object' || (!schema.properties && !mapOf)) return [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const record = value as Record<string, unknown>;
  const problems = Object.keys(properties)
    .filter((name) => !(name in record))
    .map((name) => `${path}/${name} is missing`);
  if (extra === false || extra === undefined) {
    problems.push(
      ...Object.keys(record)
        .filter((name) => !(name in properties))
        .map((name) => `${path}/${name} is not in the document`),
    );
  }
  for (const [name, property] of Object.entries(properties))
    problems.push(...shapeProblems(instances, record[name], property, `${path}/${name}`));
  if (mapOf) {
    for (const [name, item] of Object.entries(record))
      if (!(name in properties)) problems.push(...shapeProblems(instances, item, mapOf, `${path}/${name}`));
  }
  return problems;
}

/** A branch is the value's when every single-valued enum it has (`attribute_type: [text]`, ...) holds the value's, and it has one. */
function discriminates(instances: SpecInstances, branch: Schema, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const tags = Object.entries((branch.properties ?? {}) as Record<string, Schema>)
    .map(([name, property]) => [name, instances.resolve(property).enum] as const)
    .filter(
      (entry): entry is readonly [string, unknown[]] =>
        Array.isArray(entry[1]) && entry[1].filter((option) => option !== null).length === 1,
    );
  return tags.length > 0 && tags.every(([name, options]) => options.includes((value as Record<string, unknown>)[name]));
}

function typeMatches(branch: Schema, value: unknown): boolean {
  const type = declaredType(branch);
  if (Array.isArray(value)) return type === 'array';
  return typeof value === 'object'
    ? type === 'object'
    : type === typeof value || (type === 'integer' && typeof value === 'number');
}
