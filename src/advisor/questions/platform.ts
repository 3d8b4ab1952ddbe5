import type { Platform } from '../answers.js';
import { choose } from './choose.js';

const CHOICES: { name: string; value: Platform; description: string }[] = [
  {
    name: 'A long-lived server (VM, container, Fly.io, Render…)',
    value: 'long-lived-server',
    description: 'any transport runs; the cost is operational',
  },
  {
    name: 'AWS Lambda (API Gateway, function URLs)',
    value: 'aws-lambda',
    description: 'streams ≤ 15 min; WebSockets through API Gateway (2 h, 10 min idle)',
  },
  { name: 'Vercel Functions', value: 'vercel', description: 'streams up to maxDuration; WebSockets in public beta' },
  {
    name: 'Cloudflare Workers + Durable Objects',
    value: 'cloudflare',
    description: 'Durable Objects hold WebSockets and hibernate',
  },
  { name: 'Google Cloud Run', value: 'cloud-run', description: 'containers; each request ≤ 60 min' },
  {
    name: 'Other serverless functions or edge workers',
    value: 'other-serverless',
    description: 'functions stream responses; sockets need a platform feature',
  },
];

// Answers `serverless` too (a long-lived server is the only non-serverless choice).
export const platform = choose('platform', {
  question: 'Where do the handlers run?',
  hint: 'functions stream natively; sockets need a platform feature (R7, R22)',
  choices: CHOICES,
  default: () => 'long-lived-server',
  skip: (a) => a.serverless !== undefined,
});
