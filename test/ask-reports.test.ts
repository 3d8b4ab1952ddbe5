import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answersSchemaText, ANSWERS_SCHEMA_FILE, buildAnswersSchema } from '../src/advisor/answers-schema.js';
import {
  checkAnswersObject,
  completeAnswers,
  missingKeys,
  sanityWarnings,
  type AnswerKey,
  type Answers,
} from '../src/advisor/answers.js';
import { recommend } from '../src/advisor/engine.js';
import { jsonSyntaxError } from '../src/advisor/json-syntax.js';
import { layerAnswers, PRESET_NAMES, PRESETS } from '../src/advisor/presets.js';
import type { ReportInput } from '../src/advisor/report-input.js';
import { reportJson } from '../src/advisor/report-json.js';
import { reportMarkdown } from '../src/advisor/report-markdown.js';
import { reportText } from '../src/advisor/report-text.js';
import { visibleLength } from '../src/advisor/wrap.js';
import { answersFromFlags, askFlagSpecs, equivalentCommand, type AskOptions } from '../src/cli/ask-flags.js';
import { colorWanted } from '../src/cli/output.js';
import { schemaError } from '../src/config/validate-options.js';

const chat: Answers = {
  direction: 'bidirectional',
  clientToServerRatio: 0.8,
  latencyBudgetMs: 200,
  binary: false,
  serverless: false,
  platform: 'long-lived-server',
  streamScope: 'subscription',
  client: 'browser',
  peerToPeerMedia: false,
  streamingBlockedByProxy: false,
  http1Only: false,
  existingWebSocketInfra: false,
  highThroughput: false,
};
const llm = completeAnswers({ ...PRESETS['llm-stream'], platform: 'vercel' }).answers;

function input(answers: Answers, more: Partial<ReportInput> = {}): ReportInput {
  return {
    rec: recommend(answers),
    given: new Set(Object.keys(answers) as AnswerKey[]),
    snippetDir: 'src/advisor/snippets',
    readSnippet: (path) => readFileSync(`src/advisor/snippets/${path}`, 'utf8'),
    date: '2026-12-02',
    width: 100,
    color: false,
    verbose: false,
    ...more,
  };
}
const reportSchema = JSON.parse(readFileSync('schema/ask-report.schema.json', 'utf8')) as Record<string, unknown>;

describe('text report', () => {
  it('is about 20 lines: the pick, three reasons, the runner-up and when it would win, what would change it, the checklist, the starter', () => {
    const text = reportText(input(llm));
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    expect(lines[0]).toBe('Recommendation: Server-Sent Events (sse), one stream per request');
    expect(lines.filter((l) => /^ {2}R\d+ /.test(l))).toHaveLength(3);
    const flat = text.replace(/\n {2,}/g, ' '); // wrapped lines joined
    expect(flat).toMatch(/Runner-up: HTTP\/2 streaming \(http2-streaming\)\. .+ It would win with binary payloads\./);
    expect(flat).toContain('What would change it: with binary payloads, http2-streaming would win.');
    expect(text).toContain('[ ] SSE-1  Buffering off on every hop');
    expect(text).toContain('src/advisor/snippets/sse/per-request-server.ts');
    expect(text).not.toMatch(/\x1b\[/);
    expect(reportText(input(llm, { color: true }))).toMatch(/\x1b\[/);
  });

  it('wraps to the terminal width', () => {
    for (const width of [60, 80, 120]) {
      for (const line of reportText(input(chat, { width, verbose: true })).split('\n')) {
        // a path or a long word may not break; everything else fits
        if (line.includes(' ')) expect(visibleLength(line), line).toBeLessThanOrEqual(width);
      }
    }
  });

  it('lists every reason of every outcome behind --verbose, and never a reason with no effect', () => {
    const short = reportText(input(chat));
    const long = reportText(input(chat, { verbose: true }));
    expect(short).not.toContain('Every outcome');
    expect(long).toContain('Every outcome and the rows that moved it');
    for (const t of ['websocket', 'sse', 'long-polling', 'webrtc', 'http2-streaming'])
      expect(long).toMatch(new RegExp(`^ {2}\\d\\. ${t} `, 'm'));
    expect(long).not.toMatch(/^ +0 {3}R\d+/m);
  });
});

describe('markdown ADR', () => {
  const md = reportMarkdown(input(llm, { title: 'Streaming LLM answers', deciders: 'Ana, Bo' }));

  it('has a title, date, status, deciders and the context in sentences', () => {
    expect(md).toMatch(/^# Streaming LLM answers\n\n- Date: 2026-12-02\n- Status: Proposed\n- Deciders: Ana, Bo\n/);
    expect(md).toContain(
      '## Context\n\nThe server pushes events; clients send about 0.002 messages per server message, as ordinary requests.',
    );
    expect(md).toContain('Each request gets its own stream');
    expect(md).toContain('The handlers run on Vercel Functions.');
    expect(md).not.toMatch(/\| `?clientToServerRatio/); // no camelCase table
  });

  it('states the decision, the costs accepted, and why each alternative lost', () => {
    expect(md).toContain('## Decision\n\nWe will use Server-Sent Events (`sse`), one stream per request.');
    expect(md).toMatch(/## Consequences\n\nCosts we accept:\n\n- Every proxy hop must pass/);
    expect(md).toContain('EventSource cannot POST');
    expect(md).toMatch(/### HTTP\/2 streaming \(`http2-streaming`\): runner-up\n\n(Lost on|No row counts against it)/);
    expect(md).toMatch(/### WebRTC \(`webrtc`\): ruled out\n\nLost on \[R1\]\(#sources\): /);
    expect(md).not.toContain('The occasional client message goes as an ordinary POST'); // R2's effect on sse is 0: not a reason
  });

  it('has the checklist as boxes, the starter code, and the sources with links', () => {
    expect(md).toMatch(/^- \[ \] \*\*SSE-1 Buffering off on every hop\.\*\* /m);
    expect(md).toContain('### sse/per-request-server.ts (server)\n\n```ts\n// One stream per request');
    expect(md).toContain('### sse/per-request-client.ts (client)');
    expect(md).toMatch(/## Sources\n\n- \*\*R1\*\*: .*\[MDN: EventSource/);
    expect(md).toMatch(
      /- \*\*R20\*\*: \[OpenAI: streaming responses are server-sent events\]\(https:\/\/developers\.openai\.com/,
    );
  });
});

describe('JSON report', () => {
  it('has a schemaVersion and fits the documented schema, for every preset and the issue cases', () => {
    const cases = [
      ...PRESET_NAMES.map((n) => completeAnswers(PRESETS[n]).answers),
      chat,
      llm,
      { ...chat, direction: 'client-to-server' as const, clientToServerRatio: 10, latencyBudgetMs: 1000, binary: true },
    ];
    for (const a of cases) {
      const json = JSON.parse(reportJson(input(a)));
      expect(json.schemaVersion).toBe(1);
      expect(schemaError(json, reportSchema), JSON.stringify(a)).toBeUndefined();
    }
  });

  it('gives ruled-out outcomes score null, sorted last', () => {
    const json = JSON.parse(reportJson(input(completeAnswers(PRESETS['video-call']).answers)));
    const scores = json.ranking.map((t: { score: number | null }) => t.score);
    const firstNull = scores.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(scores.slice(firstNull).every((s: unknown) => s === null)).toBe(true);
  });

  it('leaves out what the user did not answer, and lists the defaults apart', () => {
    const { answers } = completeAnswers({
      direction: 'bidirectional',
      clientToServerRatio: 0.8,
      latencyBudgetMs: 200,
      binary: false,
      serverless: false,
    });
    const json = JSON.parse(
      reportJson(
        input(answers, {
          given: new Set(['direction', 'clientToServerRatio', 'latencyBudgetMs', 'binary', 'serverless']),
        }),
      ),
    );
    expect(Object.keys(json.answers)).toEqual([
      'direction',
      'clientToServerRatio',
      'latencyBudgetMs',
      'binary',
      'serverless',
    ]);
    expect(json.defaults).toMatchObject({ highThroughput: false, platform: 'long-lived-server', client: 'browser' });
    expect(json.answers).not.toHaveProperty('highThroughput');
  });
});

describe('answers', () => {
  it(`the shipped ${ANSWERS_SCHEMA_FILE} is generated from ANSWER_SPECS, and agrees with the loader`, () => {
    expect(readFileSync(ANSWERS_SCHEMA_FILE, 'utf8')).toBe(answersSchemaText());
    const schema = buildAnswersSchema();
    for (const [file, valid] of [
      [{ $schema: './node_modules/rt-advisor/schema/ask-answers.schema.json', ...PRESETS.chat }, true],
      [{ latencyBudgetMs: 0 }, false],
      [{ platform: 'heroku' }, false],
      [{ latency: 5 }, false],
    ] as const) {
      expect(schemaError(file, schema) === undefined, JSON.stringify(file)).toBe(valid);
      let loads = true;
      try {
        checkAnswersObject(file, 'f');
      } catch {
        loads = false;
      }
      expect(loads, JSON.stringify(file)).toBe(valid);
    }
  });

  it('suggests the key a typo meant', () => {
    expect(() => checkAnswersObject({ latencyBudgetMS: 5, clientToServerRatoi: 1, colour: 'x' }, 'f')).toThrow(
      /unknown keys latencyBudgetMS \(did you mean latencyBudgetMs\?\), clientToServerRatoi \(did you mean clientToServerRatio\?\), colour;/,
    );
  });

  it('locates a JSON syntax error by line and column', () => {
    expect(jsonSyntaxError('{\n  "direction": "bidirectional",\n  "binary": tru\n}')).toEqual({
      line: 3,
      column: 13,
      message: expect.stringContaining('unexpected'),
    });
    expect(jsonSyntaxError('{ "a": 1, }')).toMatchObject({ line: 1, column: 11 });
    expect(jsonSyntaxError('{"a": [1, 2]}')).toBeUndefined();
    expect(jsonSyntaxError('')).toMatchObject({ line: 1, column: 1, message: 'unexpected end of input' });
  });

  it('fills optional inputs, the peer ratio (R0) and serverless from the platform; refuses a contradiction', () => {
    const { answers, assumed } = completeAnswers({
      direction: 'peer-to-peer',
      latencyBudgetMs: 100,
      binary: true,
      platform: 'cloudflare',
    });
    expect(answers).toMatchObject({
      clientToServerRatio: 1,
      http1Only: false,
      serverless: true,
      streamScope: 'subscription',
      client: 'browser',
    });
    expect(assumed).toHaveLength(1);
    expect(missingKeys({ direction: 'bidirectional' })).toEqual([
      'clientToServerRatio',
      'latencyBudgetMs',
      'binary',
      'serverless',
    ]);
    expect(missingKeys({ direction: 'bidirectional', platform: 'vercel' })).not.toContain('serverless');
    expect(() => completeAnswers({ ...PRESETS.chat, serverless: true, platform: 'long-lived-server' })).toThrow(
      /contradicts/,
    );
  });

  it('warns about contradictions and trusts the ratio (R0)', () => {
    expect(sanityWarnings({ ...chat, direction: 'server-to-client' })[0]).toMatch(/trusting the ratio/);
    expect(sanityWarnings({ ...chat, direction: 'client-to-server' })[0]).toMatch(/trusting the ratio/);
    expect(sanityWarnings(chat)).toEqual([]);
  });

  it('lays preset, file and flags over each other; a layer naming the platform replaces serverless below it', () => {
    expect(layerAnswers(PRESETS.chat, { latencyBudgetMs: 50 }, { serverless: true })).toMatchObject({
      latencyBudgetMs: 50,
      serverless: true,
    });
    expect(layerAnswers(PRESETS.chat, { serverless: true })).not.toHaveProperty('platform');
    expect(layerAnswers({ serverless: true }, { platform: 'vercel' })).toEqual({ platform: 'vercel' });
  });

  it('maps every answer flag back to its answers-file key, and the equivalent command gives the same answers', () => {
    const opts = {
      interactive: true,
      color: true,
      direction: 'bidirectional',
      ratio: '0.5',
      latency: '20',
      binary: true,
      serverless: false,
      peerToPeerMedia: true,
      streamingBlockedByProxy: true,
      http1Only: true,
      existingWebsocketInfra: true,
      highThroughput: true,
      scope: 'per-request',
      client: 'server',
      audience: 'public',
      concurrentClients: '500',
      eventsPerMinute: '60',
    } as AskOptions;
    const answers = answersFromFlags(opts);
    expect(answers).toEqual({
      direction: 'bidirectional',
      clientToServerRatio: 0.5,
      latencyBudgetMs: 20,
      binary: true,
      serverless: false,
      peerToPeerMedia: true,
      streamingBlockedByProxy: true,
      http1Only: true,
      existingWebSocketInfra: true,
      highThroughput: true,
      streamScope: 'per-request',
      client: 'server',
      audience: 'public',
      concurrentClients: 500,
      eventsPerMinute: 60,
    });
    expect(askFlagSpecs().map((f) => f.flags)).toContain('--no-existing-websocket-infra');
    expect(equivalentCommand(answers)).toBe(
      'rt-advisor ask --direction bidirectional --ratio 0.5 --latency 20 --binary --no-serverless --scope per-request --client server --audience public --concurrent-clients 500 --events-per-minute 60 --peer-to-peer-media --streaming-blocked-by-proxy --http1-only --existing-websocket-infra --high-throughput',
    );
  });
});

describe('colour', () => {
  it('is on only for a TTY, off with NO_COLOR, --no-color or a file; FORCE_COLOR wins over the TTY test', () => {
    expect(colorWanted(true, false, {}, true)).toBe(true);
    expect(colorWanted(true, false, {}, false)).toBe(false);
    expect(colorWanted(true, false, { NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted(false, false, {}, true)).toBe(false);
    expect(colorWanted(true, true, {}, true)).toBe(false);
    expect(colorWanted(true, false, { FORCE_COLOR: '1' }, false)).toBe(true);
  });
});
