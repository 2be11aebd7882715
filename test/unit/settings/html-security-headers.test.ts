import { htmlResponse, redirectResponse } from '../../../shared/settings/html-responses';

describe('HTML answers of the settings page and OAuth routes', () => {
  it('carry HSTS on pages and redirects alike', () => {
    // Act
    const page = htmlResponse(200, '<p>hi</p>');
    const error = htmlResponse(403, '<p>no</p>');
    const redirect = redirectResponse('/settings/x');
    // Assess
    for (const answer of [page, error, redirect])
      expect(answer.headers?.['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
