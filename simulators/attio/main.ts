import { startAttioSimulator } from './attio-simulator';

/**
 * `npx tsx simulators/attio/main.ts` — an Attio simulator on its own. ATTIO_SIM_PORT fixes the
 * port. It prints a ready token for its default workspace.
 */
async function main(): Promise<void> {
  const simulator = await startAttioSimulator({ port: Number(process.env.ATTIO_SIM_PORT ?? 0) });
  const { token } = simulator.control.issueToken();
  console.log(
    `Attio simulator: ${simulator.url} (API /v2, OAuth /authorize, control /__sim); token for the default workspace: ${token}`,
  );
  const stop = () => void simulator.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
