import { yesNo } from './choose.js';

// R11 only moves one-way push flows, so the question is skipped for the others.
export const highThroughput = yesNo(
  'highThroughput',
  'Bulk data to the client (thousands of events/s, MB/s, log firehoses)?',
  'a fetch stream lets the reader pace bulk data (R11)',
  (a) => a.direction === 'peer-to-peer' || a.direction === 'client-to-server' || (a.clientToServerRatio ?? 0) > 0.1,
);
