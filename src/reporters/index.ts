// The reporters by format name: a registry, nothing else.
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<'stylish' | 'json' | 'sarif' | 'github', Reporter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
};
