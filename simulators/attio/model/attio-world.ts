import { randomBytes, randomUUID } from 'node:crypto';
import { AttioApiError } from './attio-api-error';
import { allScopes } from './scopes';
import { Workspace, type Actor, type RecordEvent, type StoredObject } from './workspace';

export interface AccessToken {
  readonly token: string;
  readonly workspaceId: string;
  /** The actor Attio reports for this token's writes. */
  readonly actor: Actor;
  readonly clientId: string;
  readonly authorizedByMemberId: string | null;
  readonly issuedAt: number;
  /** What `/v2/self` reports as `scope`, and what each route checks (see `scopes.ts`). */
  readonly scopes: readonly string[];
  active: boolean;
}

export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  /** The workspace the simulated user approves the app for. */
  readonly workspaceId: string;
  /**
   * The scopes configured on the app (build.attio.com > app > Scopes): its tokens carry exactly
   * these. Default none, as a newly created app has until its developer enables them.
   */
  readonly scopes?: readonly string[];
}

interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly workspaceId: string;
  readonly memberId: string | null;
  used: boolean;
}

/** What a new workspace starts with; anything left out is as in a fresh Attio workspace. */
export interface WorkspaceSeed {
  readonly id?: string;
  readonly name?: string;
  readonly members?: { first_name: string; last_name: string; email_address: string; id?: string }[];
  /**
   * Attributes an admin has made required, e.g. `{ object: 'people', attribute: 'job_title' }`.
   * A fresh workspace requires only what Attio ships required (deal `name`, `stage`, `owner`).
   */
  readonly requiredAttributes?: readonly { object: string; attribute: string }[];
  /** Whether the Deals object is on; default the world's default (off, as in Attio). */
  readonly dealsEnabled?: boolean;
}

/** Every simulated workspace, token, OAuth client and authorization code. */
export class AttioWorld {
  readonly workspaces = new Map<string, Workspace>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly clients = new Map<string, OAuthClient>();
  private readonly codes = new Map<string, AuthorizationCode>();
  /** Standard objects an admin has not enabled, per workspace: not listed, and 404 by slug or id. */
  private readonly disabledObjects = new Map<string, Map<string, StoredObject>>();

  /**
   * The actor type Attio names for writes made with a token. The actors page
   * (https://docs.attio.com/docs/actors) documents `api-token`, "an integration using the
   * developer API", with "a unique UUID for the token"; the OpenAPI actor enum also has `app`,
   * undocumented. Default `api-token` (one id per token); `app` names one id per OAuth client.
   */
  tokenActorType: 'api-token' | 'app';
  private readonly appActorIds = new Map<string, string>();
  /**
   * `dealsEnabled`: whether new workspaces have the Deals object on. Attio's default is off: "A
   * workspace admin must activate the object" (https://docs.attio.com/docs/standard-objects/standard-objects-deals).
   */
  private readonly defaults: { readonly dealsEnabled?: boolean };

  constructor(
    private readonly publish: (workspaceId: string, event: RecordEvent) => void,
    options: { readonly tokenActorType?: 'api-token' | 'app'; readonly dealsEnabled?: boolean } = {},
  ) {
    this.tokenActorType = options.tokenActorType ?? 'api-token';
    this.defaults = { dealsEnabled: options.dealsEnabled };
  }

  createWorkspace(input: WorkspaceSeed = {}): Workspace {
    const id = input.id ?? randomUUID();
    const name = input.name ?? 'Simulated workspace';
    const workspace = new Workspace(id, name, name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), (event) =>
      this.publish(id, event),
    );
    for (const member of input.members ?? [{ first_name: 'Ada', last_name: 'Admin', email_address: 'ada@example.com' }])
      workspace.addMember(member);
    for (const { object, attribute } of input.requiredAttributes ?? [])
      workspace.setAttributeRequired(workspace.object(object), attribute, true);
    this.workspaces.set(id, workspace);
    if (!(input.dealsEnabled ?? this.defaults.dealsEnabled ?? false)) this.setObjectEnabled(id, 'deals', false);
    return workspace;
  }

  /**
   * An admin turning a standard object on or off (Workspace settings > Objects). Off, the
   * object is not in `GET /v2/objects` and every path naming it answers 404 `not_found`; its
   * records are kept and come back when it is turned on again.
   */
  setObjectEnabled(workspaceId: string, slug: string, enabled: boolean): void {
    const workspace = this.workspace(workspaceId);
    const disabled = this.disabledObjects.get(workspaceId) ?? new Map<string, StoredObject>();
    this.disabledObjects.set(workspaceId, disabled);
    if (enabled) {
      const object = disabled.get(slug);
      if (!object) return;
      disabled.delete(slug);
      workspace.objects.push(object);
      return;
    }
    const index = workspace.objects.findIndex((object) => object.api_slug === slug);
    if (index === -1) return;
    const [object] = workspace.objects.splice(index, 1);
    if (object) disabled.set(slug, object);
  }

  workspace(id: string): Workspace {
    const workspace = this.workspaces.get(id);
    if (!workspace) throw new AttioApiError(404, 'not_found', `Workspace "${id}" not found.`);
    return workspace;
  }

  /**
   * A token for the workspace. Without `scopes` it has every scope: the control API's tokens
   * stand for a workspace API key an admin configured for the sync (tests that are about
   * scopes pass them); OAuth tokens carry their app's scopes (`redeemCode`).
   */
  issueToken(
    workspaceId: string,
    options: { clientId?: string; memberId?: string | null; token?: string; scopes?: readonly string[] } = {},
  ): AccessToken {
    const workspace = this.workspace(workspaceId);
    const clientId = options.clientId ?? 'simulator';
    const token: AccessToken = {
      token: options.token ?? randomBytes(24).toString('hex'),
      workspaceId,
      actor:
        this.tokenActorType === 'app'
          ? { type: 'app', id: this.appActorId(clientId) }
          : { type: 'api-token', id: randomUUID() },
      clientId,
      authorizedByMemberId: options.memberId ?? workspace.members[0]?.id.workspace_member_id ?? null,
      issuedAt: Math.floor(Date.now() / 1000),
      scopes: options.scopes ?? allScopes,
      active: true,
    };
    this.tokens.set(token.token, token);
    return token;
  }

  private appActorId(clientId: string): string {
    let id = this.appActorIds.get(clientId);
    if (!id) {
      id = randomUUID();
      this.appActorIds.set(clientId, id);
    }
    return id;
  }

  /** The token behind an `Authorization: Bearer` (or Basic with the token as user) header. */
  authenticate(header: string | undefined): AccessToken {
    const bearer = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
    const basic = /^Basic\s+(.+)$/i.exec(header ?? '')?.[1];
    const presented = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined);
    if (!presented)
      throw new AttioApiError(
        401,
        'unauthorized',
        'The Authorization header was not provided. Please provide a valid bearer token.',
      );
    const token = this.tokens.get(presented.trim());
    if (!token || !token.active)
      throw new AttioApiError(401, 'unauthorized', 'The access token provided is invalid or has been revoked.');
    return token;
  }

  findToken(value: string): AccessToken | undefined {
    return this.tokens.get(value);
  }

  registerClient(client: OAuthClient): void {
    this.workspace(client.workspaceId);
    this.clients.set(client.clientId, client);
  }

  client(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  issueCode(client: OAuthClient, redirectUri: string): string {
    const code = randomBytes(16).toString('hex');
    const workspace = this.workspace(client.workspaceId);
    this.codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      workspaceId: client.workspaceId,
      memberId: workspace.members[0]?.id.workspace_member_id ?? null,
      used: false,
    });
    return code;
  }

  /** Exchanges a code once; a second use, another client or a wrong secret is refused. */
  redeemCode(input: { clientId?: string; clientSecret?: string; code?: string }): AccessToken {
    const client = input.clientId ? this.clients.get(input.clientId) : undefined;
    if (!client || client.clientSecret !== input.clientSecret)
      throw new AttioApiError(401, 'unauthorized', 'Invalid client credentials.', 'auth_error');
    const code = input.code ? this.codes.get(input.code) : undefined;
    if (!code || code.used || code.clientId !== client.clientId)
      throw new AttioApiError(400, 'invalid_grant', 'The authorization code is invalid or has already been used.');
    code.used = true;
    return this.issueToken(code.workspaceId, {
      clientId: client.clientId,
      memberId: code.memberId,
      scopes: client.scopes ?? [],
    });
  }

  reset(): void {
    this.workspaces.clear();
    this.tokens.clear();
    this.clients.clear();
    this.codes.clear();
    this.appActorIds.clear();
    this.disabledObjects.clear();
  }
}
