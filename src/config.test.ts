import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, readLogOptions } from './config.js';

describe('readLogOptions', () => {
  it('logs readable lines on a terminal and JSON lines anywhere else', () => {
    expect(readLogOptions({}, true).format).toBe('pretty');
    expect(readLogOptions({}, false).format).toBe('json');
  });

  it('lets GREENGRAPH_LOG_FORMAT choose either way', () => {
    expect(readLogOptions({ GREENGRAPH_LOG_FORMAT: 'json' }, true).format).toBe('json');
    expect(readLogOptions({ GREENGRAPH_LOG_FORMAT: 'Pretty' }, false).format).toBe('pretty');
  });

  it('refuses another format, naming the allowed ones', () => {
    expect(() => readLogOptions({ GREENGRAPH_LOG_FORMAT: 'logfmt' }, false)).toThrow(ConfigError);
    expect(() => readLogOptions({ GREENGRAPH_LOG_FORMAT: 'logfmt' }, false)).toThrow('GREENGRAPH_LOG_FORMAT must be pretty or json, but got: logfmt');
  });
});

describe('GREENGRAPH_METRICS', () => {
  it('opens /metrics like reads by default: open when reads are, key when they need one', () => {
    expect(readConfig({}).metrics).toBe('open');
    expect(readConfig({ GREENGRAPH_REQUIRE_KEY_FOR_READS: 'true' }).metrics).toBe('key');
  });

  it('takes open, key or off, and refuses anything else, naming the allowed values', () => {
    expect(readConfig({ GREENGRAPH_METRICS: 'OFF' }).metrics).toBe('off');
    expect(readConfig({ GREENGRAPH_METRICS: 'key' }).metrics).toBe('key');
    expect(() => readConfig({ GREENGRAPH_METRICS: 'public' })).toThrow('GREENGRAPH_METRICS must be one of open, key, off, but got: public');
  });
});
