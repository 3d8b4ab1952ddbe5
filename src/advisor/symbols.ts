// How effects print: the framework's own scale (++ + 0 − −− ✗), and the R14 bonus as "+10".
import type { Reason } from './engine.js';
import type { Effect } from './decision-table.js';

export const EFFECT_SYMBOLS: Record<Effect, string> = { '++': '++', '+': '+', '0': '0', '-': '−', '--': '−−', x: '✗' };

export function effectSymbol(r: Reason): string {
  return r.effect === 'decides' ? `+${r.points}` : EFFECT_SYMBOLS[r.effect];
}
