import { validationError } from './partnero-api-error';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Collects field problems the way Laravel's validator reports them, then fails once with all of them. */
export class FieldErrors {
  private readonly errors: Record<string, string[]> = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw validationError(this.errors);
  }

  /** A string field: undefined when absent, null when sent as null. */
  string(
    body: JsonObject,
    field: string,
    rules: { required?: boolean; max?: number; email?: boolean; prefix?: string } = {},
  ): string | null | undefined {
    const name = `${rules.prefix ?? ''}${field}`;
    const value = body[field];
    if (value === undefined || value === null || value === '') {
      if (rules.required) this.add(name, `The ${name} field is required.`);
      return value === null ? null : undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.add(name, `The ${name} field must be a string.`);
      return undefined;
    }
    const text = String(value);
    if (rules.max !== undefined && text.length > rules.max)
      this.add(name, `The ${name} field must not be greater than ${rules.max} characters.`);
    if (rules.email && !emailPattern.test(text)) this.add(name, `The ${name} field must be a valid email address.`);
    return text;
  }

  /** Tags as `["a","b"]` (documented) or `[{value}]` (the shape Partnero answers with); null keeps, [] clears. */
  tags(body: JsonObject, field = 'tags'): string[] | null | undefined {
    const value = body[field];
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value)) {
      this.add(field, `The ${field} field must be an array.`);
      return undefined;
    }
    return value.map((tag) => (isJsonObject(tag) ? String(tag.value ?? '') : String(tag))).filter((tag) => tag !== '');
  }

  number(body: JsonObject, field: string): number | undefined {
    const value = body[field];
    if (value === undefined || value === null || value === '') return undefined;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) {
      this.add(field, `The ${field} field must be a number.`);
      return undefined;
    }
    return number;
  }

  boolean(body: JsonObject, field: string): boolean | undefined {
    const value = body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === '1' || value === 'true') return true;
    if (value === 0 || value === '0' || value === 'false') return false;
    this.add(field, `The ${field} field must be true or false.`);
    return undefined;
  }
}

/**
 * The changes of an update request. The docs wrap them in `update`; Partnero's n8n node and
 * the Python SDK send them flat. Both are accepted; in a flat body the fields named in
 * `identifiers` (e.g. key/email on `PUT /partners`) identify the record and are not changes.
 */
export function changesOf(body: JsonObject, identifiers: readonly string[] = []): JsonObject {
  if (isJsonObject(body.update)) return body.update;
  return Object.fromEntries(
    Object.entries(body).filter(([field]) => !identifiers.includes(field) && field !== 'update'),
  );
}
