// Starts the fauxqs SQS emulator (ESM-only, hence a plain .mjs child) on the port given as argv[2].
import { startFauxqs } from 'fauxqs';

const port = Number(process.argv[2]);
const server = await startFauxqs({ port, host: '127.0.0.1', logger: false });
console.log(`fauxqs listening on ${server.port}`);
const stop = () => server.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
