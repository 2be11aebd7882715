import { gunzipSync } from 'node:zlib';
import { buildSettingsAppScript } from '../../../functions/settings-page/browser/build-bundle';
import { settingsAppScriptGzipBase64 } from '../../../functions/settings-page/browser/settings-app.bundle';

describe('the settings page script bundle', () => {
  it('is the build of the current sources (rebuild: npx tsx functions/settings-page/browser/build-bundle.ts)', async () => {
    const committed = gunzipSync(Buffer.from(settingsAppScriptGzipBase64, 'base64')).toString('utf8');
    expect(committed === (await buildSettingsAppScript())).toBe(true);
  }, 30_000);
});
