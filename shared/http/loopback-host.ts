/** `127.0.0.1`, `localhost` or `[::1]`: where the local stack runs, the one place plain http is allowed. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
