import middy from '@middy/core';
describe('toolchain', () => {
  it('runs middy under jest', async () => {
    const handler = middy(async (event: { n: number }) => event.n + 1);
    await expect(handler({ n: 1 }, {} as never)).resolves.toBe(2);
  });
});
