describe('local aws', () => {
  it('has endpoints', () => {
    expect(process.env.LOCAL_DYNAMODB_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
