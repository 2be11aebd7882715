import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { sdkDocumentClient } from '../../shared/aws/sdk-document-client';
import { localCredentials, LOCAL_REGION } from '../../local/aws/local-credentials';
import { startLocalStack, type LocalStack } from '../../local/local-stack';
import { tokenPurposes } from '../../shared/programs/program-context';
import { ProgramRepository } from '../../shared/programs/program-repository';
import { LocalTokenCipher, type TokenCipher } from '../../shared/security/token-cipher';

export interface SeededProgram {
  readonly programId: string;
  readonly partneroWebhookSecret: string;
  readonly attioWebhookSecret: string;
}

/** Registers a program and an Attio connection straight in the store, as provisioning and OAuth would. */
export async function seedProgramDirectly(
  stack: LocalStack,
  cipher: TokenCipher,
  program: {
    programId: string;
    partneroApiKey: string;
    attioAccessToken: string;
    partneroWebhookSecret: string;
    attioWebhookSecret: string;
    actorId?: string;
    memberId?: string;
  },
): Promise<SeededProgram> {
  const raw = new DynamoDBClient({
    endpoint: stack.dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
  });
  const programs = new ProgramRepository({ client: sdkDocumentClient(raw), tableName: stack.resources.syncTableName });
  const { programId } = program;
  const now = new Date().toISOString();
  await programs.putRegistration({
    programId,
    displayName: programId,
    partneroApiKeyCiphertext: await cipher.encrypt(program.partneroApiKey, {
      programId,
      purpose: tokenPurposes.partneroApiKey,
    }),
    partneroWebhookKey: 'bench-webhook',
    partneroWebhookSecretCiphertext: await cipher.encrypt(program.partneroWebhookSecret, {
      programId,
      purpose: tokenPurposes.partneroWebhookSecret,
    }),
    registeredAt: now,
    updatedAt: now,
  });
  await programs.putAttioConnection({
    programId,
    workspaceId: 'bench-workspace',
    workspaceName: 'Bench',
    accessTokenCiphertext: await cipher.encrypt(program.attioAccessToken, {
      programId,
      purpose: tokenPurposes.attioAccessToken,
    }),
    authorizedByWorkspaceMemberId: program.memberId ?? null,
    actor: program.actorId ? { type: 'api-token', id: program.actorId } : null,
    webhookId: 'bench-webhook',
    webhookSecretCiphertext: await cipher.encrypt(program.attioWebhookSecret, {
      programId,
      purpose: tokenPurposes.attioWebhookSecret,
    }),
    connectedAt: now,
  });
  raw.destroy();
  return {
    programId,
    partneroWebhookSecret: program.partneroWebhookSecret,
    attioWebhookSecret: program.attioWebhookSecret,
  };
}

/**
 * The local stack with its workers off and no reachable provider, and one program seeded with a
 * fresh token key: all a benchmark of the webhook edge needs. The caller stops the stack.
 */
export async function startWebhookEdgeStack(
  programId: string,
): Promise<{ stack: LocalStack; program: SeededProgram; tokenKey: string }> {
  const tokenKey = randomBytes(32).toString('base64');
  const unreachable = 'http://127.0.0.1:9/unused';
  const stack = await startLocalStack({
    attioApiUrl: unreachable,
    attioAppUrl: unreachable,
    partneroApiUrl: unreachable,
    startWorkers: false,
    environment: { LOCAL_TOKEN_ENCRYPTION_KEY: tokenKey },
  });
  try {
    const program = await seedProgramDirectly(stack, new LocalTokenCipher(tokenKey), {
      programId,
      partneroApiKey: 'pk',
      attioAccessToken: 'at',
      partneroWebhookSecret: 'partnero-secret',
      attioWebhookSecret: 'attio-secret',
    });
    return { stack, program, tokenKey };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
