import { yesNo } from './choose.js';

export const streamingBlockedByProxy = yesNo(
  'streamingBlockedByProxy',
  'Does a proxy you cannot reconfigure buffer or strip streaming responses?',
  'your own nginx buffering does not count: fix that instead (R8)',
);
