import { describeDealFlips } from './deal-flips';

// Partnero's reads list archived transactions with `deleted_at` set: the other reading of its docs.
describeDealFlips(true);
