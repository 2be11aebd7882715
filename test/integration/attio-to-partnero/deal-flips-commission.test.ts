import { describeDealFlips } from './deal-flips';

// Partnero's reads hide archived transactions: the simulator's default, the strictest reading of its docs.
describeDealFlips(false);
