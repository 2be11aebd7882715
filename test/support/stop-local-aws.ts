import type { LocalAws } from '../../local/aws/local-aws';

export default async function stopLocalAwsAfterTests(): Promise<void> {
  await (globalThis as { __localAws?: LocalAws }).__localAws?.stop();
}
