/**
 * The platform team's admin tool, against a deployed stage or the local stack:
 *
 *   npm run admin -- --help
 *   SYNC_API_URL=https://... SYNC_ADMIN_TOKEN=... npm run admin -- list
 *   npm run admin -- link acme --ttl 1800
 */
import { runAdminCli } from './admin/admin-cli';

void runAdminCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then((code) => {
  process.exitCode = code;
});
