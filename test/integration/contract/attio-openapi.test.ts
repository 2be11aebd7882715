import { existsSync, readFileSync } from 'node:fs';
import { SHARED_ATTIO_OPENAPI_PATH, VENDORED_ATTIO_OPENAPI_PATH } from './attio-openapi';

describe("the repository's copy of Attio's OpenAPI document", () => {
  it('is the reference document, unchanged, wherever the reference is at hand', () => {
    const vendored = readFileSync(VENDORED_ATTIO_OPENAPI_PATH);
    expect(/^openapi: "?3\.1/m.test(vendored.subarray(0, 200).toString('utf8'))).toBe(true);
    // On a clean clone the reference is absent: then the vendored copy is the contract.
    if (existsSync(SHARED_ATTIO_OPENAPI_PATH))
      expect(vendored.equals(readFileSync(SHARED_ATTIO_OPENAPI_PATH))).toBe(true);
  });
});
