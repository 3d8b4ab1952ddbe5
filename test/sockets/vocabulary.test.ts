import { describe, expect, it } from 'vitest';
import { discriminantRank, isControlVerb, splitWords, VOCABULARY } from '../../src/sockets/vocabulary.js';

describe('control vocabulary', () => {
  it.each([
    'subscribe',
    'unsubscribe',
    'SUBSCRIBE',
    'unsubscribeAll',
    'phx_join',
    'connection_init',
    'PING',
    'pong',
    'heartbeat',
    'keep-alive',
    'keepalive',
    'auth',
    'identify',
    'hello',
    'join',
    'leave',
    'watch',
    'unwatch',
    'listen',
    'REQ',
    'CLOSE',
    'eth_subscribe',
    'mining.subscribe',
    'presence:join',
    'Heartbeat',
    'OP_SUBSCRIBE',
    'start',
    'stop',
    // noun and qualifier forms
    'authentication',
    'authorization',
    'info',
    'INFO',
    'throttle',
    'connection_terminate',
    'connection_error',
    'KeepAlive',
    'SessionsStart',
    'subscribe_request',
  ])('%s is control', (verb) => expect(isControlVerb(verb)).toBe(true));

  it.each([
    'chat',
    'chat_message',
    'message',
    'place_order',
    'placeOrder',
    'move',
    'cursor',
    'EVENT',
    'PRIVMSG',
    'update',
    'start_game',
    '',
    // data stays data
    'kernel_info_request',
    'get_info',
    'info_request',
    'publish',
    'request',
    'error',
    'event',
    // Object.prototype's keys are not words of the vocabulary
    'constructor',
    'toString',
    '__proto__',
    'hasOwnProperty',
    'valueOf',
  ])('%s is data', (verb) => expect(isControlVerb(verb)).toBe(false));

  it('takes extra verbs from configuration', () => {
    expect(isControlVerb('subscribe_ticker')).toBe(true);
    expect(isControlVerb('join_room')).toBe(true);
    expect(isControlVerb('stop_recording')).toBe(false);
    expect(isControlVerb('follow_up')).toBe(false);
    expect(isControlVerb('observe')).toBe(false);
    expect(isControlVerb('observe', ['observe'])).toBe(true);
    expect(isControlVerb('unobserve_all', ['unobserve'])).toBe(true);
  });

  it('is one Map (no prototype lookups)', () => {
    expect(VOCABULARY).toBeInstanceOf(Map);
    expect(VOCABULARY.get('constructor')).toBeUndefined();
  });

  it('knows discriminant keys in any spelling', () => {
    for (const key of [
      'type',
      'Type',
      'TYPE',
      'MessageType',
      'message_type',
      'msgType',
      'op',
      'cmd',
      'action',
      'event',
      'tag',
      'method',
    ])
      expect(discriminantRank(key), key).toBeTypeOf('number');
    for (const key of ['text', 'payload', 'data', 'constructor', 'id'])
      expect(discriminantRank(key), key).toBeUndefined();
    expect(discriminantRank('type')).toBeLessThan(discriminantRank('event') ?? -1);
  });

  it('splits camelCase, snake_case, kebab and dotted verbs', () => {
    expect(splitWords('unsubscribeAll')).toEqual(['unsubscribe', 'all']);
    expect(splitWords('phx_join')).toEqual(['phx', 'join']);
    expect(splitWords('mining.subscribe')).toEqual(['mining', 'subscribe']);
  });
});

describe('vocabulary docs', () => {
  it('the rule page shows exactly the vocabulary the classifier uses', async () => {
    const { readFileSync } = await import('node:fs');
    const { renderVocabularyMarkdown } = await import('../../src/sockets/vocabulary.js');
    const page = readFileSync('rules/ws-subscribe-only.md', 'utf8');
    const m = /<!-- vocabulary:start -->\n([\s\S]*?)\n<!-- vocabulary:end -->/.exec(page);
    expect(m?.[1]).toBe(renderVocabularyMarkdown());
  });
});
