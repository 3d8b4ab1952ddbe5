import { yesNo } from './choose.js';

// R9 is about the browser's connection pool: other clients and one-off streams are not limited by it.
export const http1Only = yesNo(
  'http1Only',
  'Do browsers reach you over HTTP/1.1 only?',
  'then 6 connections per origin are shared by all tabs (R9)',
  (a) =>
    (a.client !== undefined && a.client !== 'browser') ||
    a.streamScope === 'per-request' ||
    a.direction === 'peer-to-peer',
);
