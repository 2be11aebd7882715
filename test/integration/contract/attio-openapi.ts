import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parse } from 'yaml';

/**
 * Attio's own OpenAPI 3.1 document. The team's reference copy lives beside the checkout, in
 * `../shared/reference`; a clean clone (CI) has no such neighbour, so the repository carries a
 * byte-identical copy in `reference/`, never edited. Where both exist, `attio-openapi.test.ts`
 * fails when they differ, so the contract is always the reference's.
 */
export const SHARED_ATTIO_OPENAPI_PATH = resolve(__dirname, '../../../../shared/reference/attio-openapi.yaml');
export const VENDORED_ATTIO_OPENAPI_PATH = resolve(__dirname, 'reference/attio-openapi.yaml');
export const ATTIO_OPENAPI_PATH = existsSync(SHARED_ATTIO_OPENAPI_PATH)
  ? SHARED_ATTIO_OPENAPI_PATH
  : VENDORED_ATTIO_OPENAPI_PATH;

const DOCUMENT_ID = 'https://api.attio.com/openapi/api';
type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: { readonly type?: string };
}
interface MediaTypes {
  readonly content?: Record<string, unknown>;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: MediaTypes & { readonly required?: boolean };
  readonly responses: Record<string, MediaTypes>;
}
interface Document {
  readonly openapi: string;
  readonly paths: Record<string, Partial<Record<Method, Operation>>>;
}

/** One HTTP request and its answer, as seen on the wire. */
export interface Exchange {
  readonly method: string;
  /** Path and query, e.g. `/v2/objects/people/records?matching_attribute=email_addresses`. */
  readonly target: string;
  readonly requestContentType: string | undefined;
  readonly requestBody: string;
  readonly status: number;
  readonly responseContentType: string | undefined;
  readonly responseBody: string;
}

export interface OperationMatch {
  /** `METHOD /template`, e.g. `PUT /v2/objects/{object}/records`. */
  readonly key: string;
  readonly pointer: string;
  readonly operation: Operation;
  readonly pathParams: Record<string, string>;
}

export type ResponseVerdict =
  | { readonly kind: 'valid' }
  | { readonly kind: 'invalid'; readonly errors: string[] }
  /** The document lists no response for this status on this operation (e.g. 401, 429). */
  | { readonly kind: 'undocumented-status' };

/**
 * Validates Attio HTTP exchanges against the document with ajv (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1): the operation is found by method and path template, then the path
 * and query parameters, the request body and the response body are checked against the schemas
 * the document gives for them. `$ref`s resolve inside the document, which ajv holds whole.
 */
export class AttioOpenApi {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; segments: string[] }[];

  private constructor(private readonly document: Document) {
    // strict: false because OpenAPI adds keywords JSON Schema does not know (example,
    // x-speakeasy-*, discriminator). Attio still marks nullable fields with OpenAPI 3.0's
    // `nullable: true`, which ajv honours next to `type`.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    // The document marks every timestamp value `format: date` while its own description of
    // them (and every example) is a full ISO 8601 timestamp, "2023-01-02T13:00:00.000000000Z".
    // `date` is used for nothing else, so it accepts what the description says.
    this.ajv.addFormat('date', {
      validate: (value: string) => isFormat('date', value) || isFormat('date-time', value),
    });
    this.ajv.addSchema(admitDeclaredNulls(structuredClone(document)) as object, DOCUMENT_ID);
    this.templates = Object.keys(document.paths).map((template) => ({
      template,
      segments: template.split('/').slice(1),
    }));
  }

  static load(path: string = ATTIO_OPENAPI_PATH): AttioOpenApi {
    const document = parse(readFileSync(path, 'utf8'), { maxAliasCount: -1 }) as Document;
    if (!document.openapi.startsWith('3.1'))
      throw new Error(`expected an OpenAPI 3.1 document, got ${document.openapi}`);
    return new AttioOpenApi(document);
  }

  /** The document itself, parsed (the copy ajv holds has nulls admitted into nullable enums). */
  get raw(): Readonly<Record<string, unknown>> {
    return this.document as unknown as Record<string, unknown>;
  }

  /** Problems with `value` against the schema at a JSON pointer into the document. */
  problemsAt(pointer: string, value: unknown): string[] {
    return this.check(pointer.startsWith('#') ? pointer : `#${pointer}`, value);
  }

  /** The documented operation for this method and path; literal segments win over templated ones. */
  operation(method: string, target: string): OperationMatch | undefined {
    const lower = method.toLowerCase() as Method;
    const segments = new URL(target, 'http://x').pathname.split('/').slice(1).map(decodeURIComponent);
    let best: { template: string; params: Record<string, string>; literals: number } | undefined;
    for (const { template, segments: pattern } of this.templates) {
      if (pattern.length !== segments.length || !this.document.paths[template]?.[lower]) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const fits = pattern.every((part, index) => {
        const actual = segments[index] as string;
        const name = /^\{(.+)\}$/.exec(part)?.[1];
        if (name) {
          params[name] = actual;
          return actual !== '';
        }
        literals += 1;
        return part === actual;
      });
      if (fits && (!best || literals > best.literals)) best = { template, params, literals };
    }
    if (!best) return undefined;
    return {
      key: `${method.toUpperCase()} ${best.template}`,
      pointer: `#/paths/${escapePointer(best.template)}/${lower}`,
      operation: this.document.paths[best.template]?.[lower] as Operation,
      pathParams: best.params,
    };
  }

  /** Problems with the request: parameters, content type and body against the operation. */
  validateRequest(match: OperationMatch, exchange: Exchange): string[] {
    const problems: string[] = [];
    const query = new URL(exchange.target, 'http://x').searchParams;
    const parameters = match.operation.parameters ?? [];
    parameters.forEach((parameter, index) => {
      const raw =
        parameter.in === 'path'
          ? match.pathParams[parameter.name]
          : parameter.in === 'query'
            ? query.get(parameter.name)
            : undefined;
      if (raw === undefined || raw === null) {
        if (parameter.required && (parameter.in === 'path' || parameter.in === 'query'))
          problems.push(`missing required ${parameter.in} parameter "${parameter.name}"`);
        return;
      }
      const errors = this.check(`${match.pointer}/parameters/${index}/schema`, coerce(raw, parameter.schema?.type));
      problems.push(...errors.map((error) => `${parameter.in} parameter "${parameter.name}": ${error}`));
    });
    for (const name of query.keys()) {
      if (!parameters.some((parameter) => parameter.in === 'query' && parameter.name === name))
        problems.push(`query parameter "${name}" is not in the document`);
    }

    const body = match.operation.requestBody;
    if (!body?.content) {
      if (exchange.requestBody !== '') problems.push('the document takes no request body here');
      return problems;
    }
    if (exchange.requestBody === '') {
      if (body.required) problems.push('the request body is required');
      return problems;
    }
    const mediaType = mediaTypeOf(exchange.requestContentType);
    if (!mediaType || !(mediaType in body.content))
      return [
        ...problems,
        `request content type ${String(mediaType)} is not one of ${Object.keys(body.content).join(', ')}`,
      ];
    const errors = this.check(
      `${match.pointer}/requestBody/content/${escapePointer(mediaType)}/schema`,
      JSON.parse(exchange.requestBody),
    );
    return [...problems, ...errors.map((error) => `request body ${error}`)];
  }

  /** The response against the one the document lists for its status. */
  validateResponse(match: OperationMatch, exchange: Exchange): ResponseVerdict {
    const documented = match.operation.responses[String(exchange.status)];
    if (!documented) return { kind: 'undocumented-status' };
    return this.validateBody(`${match.pointer}/responses/${exchange.status}`, documented, exchange);
  }

  /** A response checked against another operation's documented response (introspect answers like `/v2/self`). */
  validateResponseAs(method: string, template: string, exchange: Exchange): ResponseVerdict {
    const operation = this.document.paths[template]?.[method.toLowerCase() as Method];
    const documented = operation?.responses[String(exchange.status)];
    if (!documented) return { kind: 'undocumented-status' };
    return this.validateBody(
      `#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${exchange.status}`,
      documented,
      exchange,
    );
  }

  private validateBody(pointer: string, documented: MediaTypes, exchange: Exchange): ResponseVerdict {
    if (!documented.content)
      return exchange.responseBody === ''
        ? { kind: 'valid' }
        : { kind: 'invalid', errors: ['the document gives this status no body'] };
    const mediaType = mediaTypeOf(exchange.responseContentType);
    if (!mediaType || !(mediaType in documented.content))
      return {
        kind: 'invalid',
        errors: [
          `response content type ${String(mediaType)} is not one of ${Object.keys(documented.content).join(', ')}`,
        ],
      };
    let body: unknown;
    try {
      body = JSON.parse(exchange.responseBody);
    } catch {
      return { kind: 'invalid', errors: ['the response body is not JSON'] };
    }
    const errors = this.check(`${pointer}/content/${escapePointer(mediaType)}/schema`, body);
    return errors.length === 0 ? { kind: 'valid' } : { kind: 'invalid', errors };
  }

  private check(pointer: string, value: unknown): string[] {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.compiled.set(pointer, validate);
    }
    return validate(value) ? [] : describe(validate.errors ?? []);
  }
}

/**
 * Attio types some enums as `type: ["string", "null"]` (or `nullable: true`) yet leaves null out
 * of the enum, e.g. an attribute's `config.currency.default_currency_code`, which is null on
 * every attribute that is not a currency. The type is the declaration; the enum lists the
 * strings. So, in this in-memory copy only, such an enum admits null too.
 */
function admitDeclaredNulls(node: unknown): unknown {
  if (Array.isArray(node)) {
    node.forEach(admitDeclaredNulls);
  } else if (node !== null && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    const admitsNull = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
    if (admitsNull && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    Object.values(schema).forEach(admitDeclaredNulls);
  }
  return node;
}

function isFormat(name: 'date' | 'date-time', value: string): boolean {
  const format = fullFormats[name] as { validate: (value: string) => boolean };
  return format.validate(value);
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** Path and query values are strings on the wire; the document types them. */
function coerce(raw: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** anyOf failures repeat every branch's complaint: keep the deepest few, which name the field. */
function describe(errors: ErrorObject[]): string[] {
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  return [
    ...new Set(
      sorted
        .slice(0, 6)
        .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`),
    ),
  ];
}
