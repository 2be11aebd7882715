/**
 * What `npm start` prints once everything runs: where things are, the credentials of this run,
 * and calls to paste into a second terminal. Built as plain lines so a test can read them.
 */
export interface StartSummary {
  readonly apiUrl: string;
  readonly attio: {
    readonly url: string;
    readonly simulated: boolean;
    readonly workspaceId?: string;
    readonly workspaceName?: string;
  };
  readonly partnero: { readonly url: string; readonly simulated: boolean };
  readonly dynamoDbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly adminToken: string;
  /** True when ADMIN_API_TOKEN was set by the user, false when this run made one up. */
  readonly adminTokenFromEnvironment: boolean;
  readonly demo: {
    readonly programId: string;
    readonly displayName: string;
    readonly settingsLink: string;
    readonly expiresAt: string;
  };
  readonly logFile: string;
  readonly verbose: boolean;
}

export function startBanner(summary: StartSummary): string[] {
  const { apiUrl, attio, partnero, demo } = summary;
  const program = encodeURIComponent(demo.programId);
  const workspace = attio.workspaceId ?? 'default';
  const json = "-H 'content-type: application/json'";
  const lines = [
    'Partnero ⇄ Attio sync, local stack (everything on 127.0.0.1)',
    `  API (webhooks, OAuth, settings)  ${apiUrl}     health: ${apiUrl}/health`,
    `  Attio ${attio.simulated ? 'simulator' : 'API      '}                  ${attio.url}${attio.workspaceName ? `   demo workspace "${attio.workspaceName}" (${workspace})` : ''}`,
    `  Partnero ${partnero.simulated ? 'simulator' : 'API      '}               ${partnero.url}`,
    `  DynamoDB Local                   ${summary.dynamoDbEndpoint}   SQS (fauxqs): ${summary.sqsEndpoint}`,
    `  Logs (JSON, one line each)       ` +
      `${summary.logFile}${summary.verbose ? '   (also shown here: --verbose)' : '   (only warnings and errors shown here; npm start -- --verbose for all)'}`,
    '',
    `Admin token ${summary.adminTokenFromEnvironment ? '(from ADMIN_API_TOKEN)' : '(made up for this run; set ADMIN_API_TOKEN to choose it)'}:`,
    `  ${summary.adminToken}`,
    '',
    `Demo program "${demo.displayName}" (${demo.programId}). Its settings page, valid until ${demo.expiresAt}:`,
    `  ${demo.settingsLink}`,
    'A fresh settings link later (each lasts 15 minutes):',
    `  SYNC_API_URL=${apiUrl} SYNC_ADMIN_TOKEN=${summary.adminToken} npm run admin -- link ${demo.programId}`,
    'Open the link, Connect with Attio (approved at once), map the fields, pick the won stage, Save: the sync starts.',
  ];
  if (partnero.simulated) {
    lines.push(
      '',
      'Partnero simulator, from another terminal (its webhooks reach the API at once):',
      `  a partner:   curl -s -X POST ${partnero.url}/__sim/programs/${program}/partners ${json} ` +
        `-d '{"email":"grace@example.com","name":"Grace","surname":"Hopper","key":"grace"}'`,
      `  partners:    curl -s ${partnero.url}/__sim/programs/${program}/partners`,
      `  a customer:  curl -s -X POST ${partnero.url}/__sim/programs/${program}/customers ` +
        `${json} -d ` +
        `'{"key":"cust-1","email":"bea@buyers.example","name":"Bea","surname":"Buyer","partner":{"key":"grace"}}'`,
      `  deliveries:  curl -s ${partnero.url}/__sim/deliveries`,
    );
  }
  if (attio.simulated) {
    lines.push(
      '',
      `Attio simulator (workspace ${workspace}), as a member of the workspace would:`,
      `  people:      curl -s ${attio.url}/__sim/workspaces/${workspace}/objects/people/records`,
      `  a person:    curl -s -X POST ` +
        `${attio.url}/__sim/workspaces/${workspace}/objects/people/records ${json} -d ` +
        `'{"values":{"email_addresses":["ada.buyer@example.com"]}}'`,
      `  webhooks:    curl -s ${attio.url}/__sim/workspaces/${workspace}/webhooks`,
      `  deliveries:  curl -s ${attio.url}/__sim/deliveries`,
    );
  }
  lines.push('', 'Ctrl-C to stop.');
  return lines;
}

/** One line a person can act on; the stack trace goes to the log file. */
export function startFailure(error: unknown, apiPort: number): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === 'EADDRINUSE')
    return `port ${apiPort} is taken (another npm start?). Stop that process, or pick another port: PORT=${apiPort + 1} npm start`;
  if (code === 'EACCES')
    return `port ${apiPort} may not be used by this user. Pick a port above 1024: PORT=3000 npm start`;
  return error instanceof Error ? error.message : String(error);
}
