export type Clock = () => Date;

/** Partnero's timestamp format: seconds precision written with six zero microseconds. */
export function partneroTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}.000000Z`;
}
