import { ENV } from '../shared/config/environment-names';
import { neededAttioScopes } from '../shared/connect/attio-scopes';
import type { AttioSimulator } from '../simulators/attio';
import type { PartneroSimulator } from '../simulators/partnero';
import type { LocalStack } from './local-stack';

export interface DemoSimulators {
  /** Absent when ATTIO_* point at a real Attio: then its OAuth app must list the redirect URI itself. */
  readonly attio?: AttioSimulator;
  /** Absent when PARTNERO_API_URL points elsewhere: then DEMO_PARTNERO_API_KEY names a real program's key. */
  readonly partnero?: PartneroSimulator;
}

export interface DemoProgram {
  readonly programId: string;
  readonly displayName: string;
  /** Opens the program's settings page; valid for `expiresAt` (15 minutes), then mint another through the admin API. */
  readonly settingsLink: string;
  readonly expiresAt: string;
  /** The Attio OAuth redirect URI the stack uses (registered with the simulator). */
  readonly redirectUri: string;
  /** The simulator's demo workspace the consent screen approves into; absent against a real Attio. */
  readonly attioWorkspaceId?: string;
  readonly attioWorkspaceName?: string;
}

const DEMO_PROGRAM_ID = 'demo-program';
const DEMO_PARTNERO_KEY = 'pk_demo_local_program_key';
const DEMO_WORKSPACE_NAME = 'Acme Sales';

/**
 * For `npm start`: a demo program registered exactly as the platform team would, through the
 * admin API, against the simulators. The Attio simulator learns the stack's OAuth client (so
 * "Connect with Attio" completes, auto-approved, into a demo workspace); the Partnero simulator
 * gets a demo program whose key the admin API checks. Returns a signed settings link to print.
 */
export async function seedDemoProgram(
  stack: LocalStack,
  simulators: DemoSimulators,
  options: { programId?: string; displayName?: string } = {},
): Promise<DemoProgram> {
  const programId = options.programId ?? DEMO_PROGRAM_ID;
  const displayName = options.displayName ?? 'Demo affiliate program';
  const adminToken = required(ENV.adminApiToken);
  const redirectUri = `${stack.apiUrl}/oauth/attio/callback`;

  let attioWorkspaceId: string | undefined;
  const attioWorkspaceName = simulators.attio ? DEMO_WORKSPACE_NAME : undefined;
  if (simulators.attio) {
    // The demo workspace as an admin set it up for the sync: Deals turned on (off in a new Attio
    // workspace, and in the simulator by default), and the app given the scopes the service uses.
    const workspace = simulators.attio.control.createWorkspace({
      name: DEMO_WORKSPACE_NAME,
      dealsEnabled: true,
      members: [
        { first_name: 'Ada', last_name: 'Admin', email_address: 'ada@acme.example' },
        { first_name: 'Sam', last_name: 'Seller', email_address: 'sam@acme.example' },
      ],
    });
    simulators.attio.control.registerOAuthClient({
      clientId: required(ENV.attioClientId),
      clientSecret: required(ENV.attioClientSecret),
      redirectUris: [redirectUri],
      workspaceId: workspace.id,
      scopes: neededAttioScopes.map((needed) => needed.scope),
    });
    attioWorkspaceId = workspace.id;
  }

  let partneroApiKey = process.env.DEMO_PARTNERO_API_KEY;
  if (simulators.partnero) {
    partneroApiKey = DEMO_PARTNERO_KEY;
    const exists = simulators.partnero.control.programs().some((program) => program.id === programId);
    if (!exists)
      simulators.partnero.control.createProgram({
        id: programId,
        name: displayName,
        apiKey: partneroApiKey,
        currency: 'USD',
      });
  }
  if (!partneroApiKey)
    throw new Error(
      'seedDemoProgram: without the Partnero simulator, set DEMO_PARTNERO_API_KEY to a Partnero program key',
    );

  await admin(stack, adminToken, 'POST', '/admin/programs', { programId, displayName, partneroApiKey });
  const link = (await admin(
    stack,
    adminToken,
    'POST',
    `/admin/programs/${encodeURIComponent(programId)}/settings-links`,
    {},
  )) as { url: string; expiresAt: string };
  return {
    programId,
    displayName,
    settingsLink: link.url,
    expiresAt: link.expiresAt,
    redirectUri,
    attioWorkspaceId,
    attioWorkspaceName,
  };
}

async function admin(stack: LocalStack, token: string, method: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`admin API ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`seedDemoProgram: ${name} is not set (startLocalStack sets it from its environment option)`);
  return value;
}
