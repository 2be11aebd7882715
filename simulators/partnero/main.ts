import { startPartneroSimulator } from './partnero-simulator';

/**
 * `npx tsx simulators/partnero/main.ts` — a Partnero simulator for the local stack or a bench.
 * PARTNERO_SIM_PORT fixes the port; PARTNERO_SIM_API_KEY (default `pk_local_partnero`) and
 * PARTNERO_SIM_COMMISSION_PERCENT (default 30) describe the one program it starts with.
 */
async function main(): Promise<void> {
  const apiKey = process.env.PARTNERO_SIM_API_KEY ?? 'pk_local_partnero';
  const simulator = await startPartneroSimulator({
    port: Number(process.env.PARTNERO_SIM_PORT ?? 0),
    programs: [
      {
        id: 'program_local',
        name: 'Local program',
        apiKey,
        commissionPercent: Number(process.env.PARTNERO_SIM_COMMISSION_PERCENT ?? 30),
      },
    ],
  });
  console.log(
    `Partnero simulator: ${simulator.url}/v1 (API key ${apiKey}, program program_local); control: ${simulator.url}/__sim`,
  );

  const stop = () => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
