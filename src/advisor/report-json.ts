// JSON report: the Recommendation itself. Field order is fixed by the engine (pick first).
import type { Recommendation } from './engine.js';

export function reportJson(rec: Recommendation): string {
  return `${JSON.stringify(rec, null, 2)}\n`;
}
