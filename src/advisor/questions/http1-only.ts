import { yesNo } from './yes-no.js';

export const http1Only = yesNo(
  'http1Only',
  'Do browsers reach you over HTTP/1.1 only?',
  'then 6 connections per origin are shared by all tabs (R9)',
);
