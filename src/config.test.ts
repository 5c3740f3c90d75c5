import { describe, expect, it } from 'vitest';
import { ConfigError, readLogOptions } from './config.js';

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
