import * as z from 'zod';
import { ConfigurationError } from '../errors';

/**
 * Parses the environment once, at init, so a misconfigured function fails at start with one
 * clear line naming every missing or malformed variable, instead of at its first event.
 */
export function readEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  environment: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export const httpUrl = z.url({ protocol: /^https?$/ });
