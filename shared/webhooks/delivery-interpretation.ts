import type * as z from 'zod';
import type { QueueMessage } from '../queue/send-queue-messages';

export interface DeliveryContext {
  readonly programId: string;
  readonly rawBody: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly receivedAt: string;
}

/** An event of a delivery that is not queued, and why: the audit entry it becomes. */
export interface DeliveryNote {
  /** The event as the provider named it, or a placeholder when it names none. */
  readonly sourceEvent: string;
  /** The record it names (`partner:<id>`, `attio:<object id>:<record id>`), or null when it names none. */
  readonly sourceRecord: string | null;
  readonly reason: string;
}

/**
 * What a correctly signed delivery asks of the sync. Every signed delivery is acknowledged;
 * this only says what becomes of each of its events:
 *
 * - `messages`: understood, queued for the worker;
 * - `ignored`: a documented event the sync has no use for; recorded in the history, nothing kept;
 * - `unreadable`: an unknown event type or a shape the service does not understand; the whole
 *   delivery is parked with the reasons, to be replayed once the service understands it.
 */
export interface DeliveryInterpretation {
  readonly messages: QueueMessage[];
  readonly ignored: DeliveryNote[];
  readonly unreadable: DeliveryNote[];
}

/** Reads a parsed JSON body of one provider's webhook; never throws for the body's shape. */
export type DeliveryInterpreter = (body: unknown, context: DeliveryContext) => DeliveryInterpretation;

export const nothingToDo: DeliveryInterpretation = { messages: [], ignored: [], unreadable: [] };

/**
 * Deeper than any real delivery (both providers' bodies are a few levels deep). A signed body nested
 * thousands deep parses, but then overflows the stack of whatever walks it (validation, JSON.stringify)
 * and became a 503 that the provider retried forever; it is now unreadable, so parked and acknowledged.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The raw body through the provider's interpreter. A body that is not JSON, or nested deeper than
 * MAX_JSON_DEPTH, is unreadable, and the parser's message is not kept: it quotes the body.
 */
export function interpretRawDelivery(interpret: DeliveryInterpreter, context: DeliveryContext): DeliveryInterpretation {
  if (jsonNestingExceeds(context.rawBody, MAX_JSON_DEPTH)) {
    return {
      ...nothingToDo,
      unreadable: [
        {
          sourceEvent: '(too deep)',
          sourceRecord: null,
          reason: `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
        },
      ],
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(context.rawBody);
  } catch {
    return {
      ...nothingToDo,
      unreadable: [{ sourceEvent: '(not JSON)', sourceRecord: null, reason: 'the body is not valid JSON' }],
    };
  }
  return interpret(body, context);
}

/** Whether the JSON text opens more than `limit` arrays or objects at once, counted without parsing (strings skipped). */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) {
      inString = true;
    } else if (character === 0x5b || character === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (character === 0x5d || character === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

const MAX_ISSUES = 5;
const MAX_NAME_LENGTH = 100;

/**
 * A zod failure as a short reason: where each issue is and zod's own message, which names the
 * expected type and never quotes the value (so nothing of the body reaches a log line).
 */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`);
  const more = error.issues.length > MAX_ISSUES ? `; and ${error.issues.length - MAX_ISSUES} more` : '';
  return issues.join('; ') + more;
}

/** A name taken from a delivery, cut to a length fit for the history and the logs. */
export function deliveredName(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.trim() === '') return fallback;
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > MAX_NAME_LENGTH ? `${printable.slice(0, MAX_NAME_LENGTH)}…` : printable;
}
