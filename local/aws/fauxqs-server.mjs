// Starts the fauxqs SQS emulator (ESM-only, hence a plain .mjs child) on the port given as argv[2].
// `buildApp`, not `startFauxqs`: the latter always listens on 0.0.0.0, and anyone on the network could
// then put a message on the sync queue without a webhook signature.
import { buildApp } from 'fauxqs';

const port = Number(process.argv[2]);
// No `host` option: fauxqs would then build queue URLs like `sqs.us-east-1.127.0.0.1:port`, which URL
// parsers reject; without it the URLs use the request's own host, `127.0.0.1:port`.
const app = buildApp({ logger: false });
const address = await app.listen({ port, host: '127.0.0.1' });
console.log(`fauxqs listening on ${address}`);
const stop = () => app.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
