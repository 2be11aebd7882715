import { randomInt } from 'node:crypto';

const lowerAlphanumeric = 'abcdefghijklmnopqrstuvwxyz0123456789';
const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet: string): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[randomInt(alphabet.length)];
  return text;
}

/** A referral key like the old docs' `lphs8bcrfmgv`. */
export const newPartnerKey = () => randomString(12, lowerAlphanumeric);
/** Shaped like the docs' `partner_123`, so an id is never mistaken for a referral key. */
export const newPartnerId = () => `partner_${randomString(10, lowerAlphanumeric)}`;
export const newCustomerId = () => `customer_${randomString(10, lowerAlphanumeric)}`;
/** Like the docs' `uLbBzVvN7ARX`. */
export const newWebhookKey = () => randomString(12, alphanumeric);
/** Like the docs' `Sjn3sNnmh14yk6zb`: the signing secret. */
export const newWebhookSecret = () => randomString(16, alphanumeric);
/** For a transaction sent without a key. */
export const newTransactionKey = () => `transaction_${randomString(12, lowerAlphanumeric)}`;
