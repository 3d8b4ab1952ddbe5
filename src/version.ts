import { readFileSync } from 'node:fs';

// Runs both from src/ (tests) and from dist/src/ (the CLI), so look for package.json upwards.
function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'rt-advisor' && pkg.version) return pkg.version;
    } catch {
      // try the next level
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
