import { describe, expect, it } from 'vitest';
import { secretFromUrl, urlWithout } from './url-secret.ts';

describe('tokens in links', () => {
  it('are read from the fragment, and from the query of older links', () => {
    expect(secretFromUrl({ search: '?show=demo', hash: '#t=abc' }, 't')).toBe('abc');
    expect(secretFromUrl({ search: '?show=demo&t=old', hash: '' }, 't')).toBe('old');
    expect(secretFromUrl({ search: '?show=demo', hash: '' }, 't')).toBeNull();
  });

  it('leave the address with everything else kept', () => {
    const url = { pathname: '/board/', search: '?show=demo&t=old', hash: '#t=abc&x=1' };
    expect(urlWithout(url, 't')).toBe('/board/?show=demo#x=1');
    expect(urlWithout({ pathname: '/screen/', search: '?show=demo', hash: '#token=z' }, 'token')).toBe(
      '/screen/?show=demo',
    );
  });
});
