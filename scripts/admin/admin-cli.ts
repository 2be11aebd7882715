import { parseArgs } from 'node:util';
import { backfillKinds } from '../../shared/backfill/backfill-records';

/**
 * The platform team's admin tool: each command is one call to the admin API of a deployed stage
 * or of the local stack (`npm start`). Kept apart from `scripts/admin.ts` so tests run it in-process.
 */
export interface AdminCliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly fetch?: typeof fetch;
}

/** Exit codes: 0 done, 1 the API refused or failed, 2 the command line is wrong. */
export const exitCodes = { ok: 0, refused: 1, usage: 2 } as const;

class UsageError extends Error {}

const connectionOptions = {
  url: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const connectionHelp = [
  'Connection (every command):',
  '  --url <base url>    the stage API URL (stack output ApiUrl), or SYNC_API_URL; `npm start` prints it',
  '  --token <token>     the admin bearer token, or SYNC_ADMIN_TOKEN (ADMIN_API_TOKEN as `npm start` names it)',
  '  --json              print the API answer as JSON',
];

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly details: readonly string[];
  readonly options: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>;
  readonly run: (
    call: AdminCall,
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
    io: AdminCliIo,
  ) => Promise<unknown>;
  readonly print?: (answer: unknown, io: AdminCliIo) => void;
}

type AdminCall = (method: string, path: string, body?: unknown) => Promise<unknown>;

const programPath = (programId: string) => `/admin/programs/${encodeURIComponent(programId)}`;

function oneProgramId(positionals: string[]): string {
  const [programId, ...rest] = positionals;
  if (!programId) throw new UsageError('give the program id');
  if (rest.length > 0) throw new UsageError(`unexpected argument(s): ${rest.join(' ')}`);
  return programId;
}

const commands: Record<string, Command> = {
  register: {
    summary: 'register a program (or update its name or key) and its Partnero webhook',
    usage: 'register <programId> --name <display name> [--partnero-key <key>]',
    details: [
      'The Partnero API key comes from --partnero-key or PARTNERO_API_KEY (keeps it out of the shell history).',
      'Registering again is safe: the webhook is reused.',
    ],
    options: { name: { type: 'string' }, 'partnero-key': { type: 'string' } },
    run: (call, values, positionals, io) => {
      const programId = oneProgramId(positionals);
      const displayName = values.name;
      const partneroApiKey = values['partnero-key'] ?? io.env.PARTNERO_API_KEY;
      if (typeof displayName !== 'string' || displayName.trim() === '')
        throw new UsageError('give --name <display name>');
      if (typeof partneroApiKey !== 'string' || partneroApiKey === '')
        throw new UsageError('give --partnero-key <key> or set PARTNERO_API_KEY');
      return call('POST', '/admin/programs', { programId, displayName, partneroApiKey });
    },
    print: (answer, io) => printProgram(answer, io),
  },
  list: {
    summary: 'list registered programs in id order',
    usage: 'list [--limit <n>] [--after <programId>] [--all]',
    details: ['--limit: programs per page (1-100, default 25); --after: start after this id; --all: every page.'],
    options: { limit: { type: 'string' }, after: { type: 'string' }, all: { type: 'boolean', default: false } },
    run: async (call, values, positionals) => {
      if (positionals.length > 0) throw new UsageError(`unexpected argument(s): ${positionals.join(' ')}`);
      const programs: unknown[] = [];
      let after = typeof values.after === 'string' ? values.after : undefined;
      for (;;) {
        const query = new URLSearchParams();
        if (typeof values.limit === 'string') query.set('limit', values.limit);
        if (after !== undefined) query.set('after', after);
        const page = (await call('GET', `/admin/programs${query.size > 0 ? `?${query.toString()}` : ''}`)) as {
          programs: unknown[];
          nextAfter: string | null;
        };
        programs.push(...page.programs);
        if (!values.all || page.nextAfter === null) return { programs, nextAfter: page.nextAfter };
        after = page.nextAfter;
      }
    },
    print: (answer, io) => {
      const { programs, nextAfter } = answer as {
        programs: { programId: string; displayName: string; registeredAt: string }[];
        nextAfter: string | null;
      };
      if (programs.length === 0) io.out('no programs');
      for (const program of programs)
        io.out(`${program.programId}\t${program.displayName}\tregistered ${program.registeredAt}`);
      if (nextAfter !== null) io.out(`more: list --after ${nextAfter}`);
    },
  },
  show: {
    summary: 'show a program: registration, Attio connection, settings version, latest backfill',
    usage: 'show <programId>',
    details: [],
    options: {},
    run: async (call, _values, positionals) => {
      const programId = oneProgramId(positionals);
      const program = await call('GET', programPath(programId));
      const backfill = await call('GET', `${programPath(programId)}/backfill`).catch(() => null);
      return { ...(program as object), backfill };
    },
    print: (answer, io) => printProgram(answer, io),
  },
  link: {
    summary: 'mint a settings link for the program manager',
    usage: 'link <programId> [--ttl <seconds>]',
    details: [
      'The link opens the settings page until it expires (default 900 s, 60 to 3600).',
      'Send it to the program manager only: it opens a session on their program.',
    ],
    options: { ttl: { type: 'string' } },
    run: (call, values, positionals) => {
      const programId = oneProgramId(positionals);
      const ttlSeconds = typeof values.ttl === 'string' ? Number(values.ttl) : undefined;
      if (ttlSeconds !== undefined && !Number.isInteger(ttlSeconds))
        throw new UsageError('--ttl is a whole number of seconds');
      return call('POST', `${programPath(programId)}/settings-links`, ttlSeconds === undefined ? {} : { ttlSeconds });
    },
    print: (answer, io) => {
      const link = answer as { url: string; expiresAt: string };
      io.out(link.url);
      io.out(`expires ${link.expiresAt}`);
    },
  },
  backfill: {
    summary: 'start a backfill of Partnero records into Attio, or read its progress',
    usage: `backfill <programId> [--kinds ${backfillKinds.join(',')}] [--status]`,
    details: ['Without --status: starts a run (a run still paging is kept). With --status: the latest run.'],
    options: { kinds: { type: 'string' }, status: { type: 'boolean', default: false } },
    run: (call, values, positionals) => {
      const programId = oneProgramId(positionals);
      if (values.status) return call('GET', `${programPath(programId)}/backfill`);
      const kinds =
        typeof values.kinds === 'string'
          ? values.kinds
              .split(',')
              .map((kind) => kind.trim())
              .filter(Boolean)
          : undefined;
      const unknown = kinds?.filter((kind) => !(backfillKinds as readonly string[]).includes(kind)) ?? [];
      if (unknown.length > 0)
        throw new UsageError(`unknown kind(s): ${unknown.join(', ')}; use ${backfillKinds.join(', ')}`);
      return call('POST', `${programPath(programId)}/backfill`, kinds === undefined ? {} : { kinds });
    },
  },
  remove: {
    summary: 'remove a program: its webhooks, its Attio token and all its data',
    usage: 'remove <programId> --yes [--force]',
    details: [
      '--yes is required: removal cannot be undone.',
      '--force: delete the data even when a provider cannot be reached to clean up (their webhooks stay).',
    ],
    options: { yes: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
    run: (call, values, positionals) => {
      const programId = oneProgramId(positionals);
      if (!values.yes) throw new UsageError(`removing ${programId} deletes its webhooks, token and data: add --yes`);
      return call('DELETE', `${programPath(programId)}${values.force ? '?force=true' : ''}`);
    },
  },
};

function printProgram(answer: unknown, io: AdminCliIo): void {
  const program = (answer as { program?: unknown }).program ?? answer;
  io.out(JSON.stringify(program, null, 2));
}

function generalHelp(): string[] {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Usage: npm run admin -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    ...connectionHelp,
    '',
    'npm run admin -- <command> --help shows its options.',
  ];
}

function commandHelp(name: string, command: Command): string[] {
  return [
    `Usage: npm run admin -- ${command.usage}`,
    '',
    command.summary,
    ...command.details.map((line) => `  ${line}`),
    '',
    ...connectionHelp,
  ];
}

/** The admin API's error answer, in one line: `404 Program x is not registered`, with its details. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

function adminCall(baseUrl: string, token: string, fetchImpl: typeof fetch): AdminCall {
  return async (method, path, body) => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new AdminApiError(
        0,
        `cannot reach ${baseUrl} (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : 'network error'})`,
      );
    }
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const answer = (json ?? {}) as { message?: string; details?: string[]; issues?: unknown[] };
      const details = [...(answer.details ?? []), ...(answer.issues ?? []).map((issue) => JSON.stringify(issue))];
      const hint = response.status === 401 || response.status === 403 ? ' (check --token / SYNC_ADMIN_TOKEN)' : '';
      throw new AdminApiError(
        response.status,
        `${response.status} ${answer.message ?? (text.slice(0, 200) || response.statusText)}${hint}${details.length > 0 ? `\n  ${details.join('\n  ')}` : ''}`,
      );
    }
    return json;
  };
}

/** Runs one command line; never throws, answers with an exit code (see `exitCodes`). */
export async function runAdminCli(argv: readonly string[], io: AdminCliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(generalHelp().join('\n'));
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command "${name}"\n\n${generalHelp().join('\n')}`);
    return exitCodes.usage;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        options: { ...connectionOptions, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    if (values.help) {
      io.out(commandHelp(name, command).join('\n'));
      return exitCodes.ok;
    }
    const baseUrl = (typeof values.url === 'string' ? values.url : io.env.SYNC_API_URL)?.replace(/\/+$/, '');
    const token = typeof values.token === 'string' ? values.token : (io.env.SYNC_ADMIN_TOKEN ?? io.env.ADMIN_API_TOKEN);
    if (!baseUrl || !/^https?:\/\//.test(baseUrl))
      throw new UsageError('give the API URL: --url <https://...> or SYNC_API_URL');
    if (!token) throw new UsageError('give the admin token: --token <token> or SYNC_ADMIN_TOKEN');
    const answer = await command.run(adminCall(baseUrl, token, io.fetch ?? fetch), values, parsed.positionals, io);
    if (values.json || !command.print) io.out(JSON.stringify(answer, null, 2));
    else command.print(answer, io);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${name}: ${error.message}\nUsage: npm run admin -- ${command.usage}   (--help for more)`);
      return exitCodes.usage;
    }
    if (error instanceof AdminApiError) {
      io.err(`${name}: ${error.message}`);
      return exitCodes.refused;
    }
    io.err(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.refused;
  }
}
