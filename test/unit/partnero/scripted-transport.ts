import type { HttpRequest, HttpResponse } from '../../../shared/http/fetch-with-timeout';

export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** A transport that answers from a script, in order, and records what it was asked; no network. */
export function scriptedTransport(...answers: ScriptedAnswer[]) {
  const requests: HttpRequest[] = [];
  async function transport(request: HttpRequest): Promise<HttpResponse> {
    requests.push(request);
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`no scripted answer left for ${request.method} ${request.url}`);
    const text =
      answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return { status: answer.status, headers: new Headers(answer.headers), text };
  }
  return { transport, requests };
}

export function loadFixture(name: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`../../fixtures/partnero/${name}.json`);
}
