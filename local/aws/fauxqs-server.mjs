// Starts the fauxqs SQS emulator (ESM-only, hence a plain .mjs child) on the port given as argv[2].
import { startFauxqs } from 'fauxqs';

const port = Number(process.argv[2]);
// No `host` option: fauxqs would then build queue URLs like `sqs.us-east-1.127.0.0.1:port`, which URL
// parsers reject; without it the URLs use the request's own host, `127.0.0.1:port`.
const server = await startFauxqs({ port, logger: false });
console.log(`fauxqs listening on ${server.port}`);
const stop = () => server.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
