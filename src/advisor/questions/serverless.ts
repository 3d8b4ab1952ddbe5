import { yesNo } from './yes-no.js';

export const serverless = yesNo(
  'serverless',
  'Do the handlers run on serverless functions or edge workers?',
  'WebSockets need a platform feature on functions (R7)',
);
