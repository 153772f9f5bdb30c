import { describe, expect, it } from 'vitest';
import { joinLinksFor } from './join-links.ts';

describe('joinLinksFor', () => {
  it('uses PUBLIC_URL whatever address the MC opened', () => {
    const links = joinLinksFor('demo', {
      publicUrl: 'http://192.168.1.20:3000/',
      pageHost: '127.0.0.1:3000',
    });
    expect(links.base).toBe('http://192.168.1.20:3000');
    expect(links.source).toBe('public-url');
    expect(links.audience).toBe('http://192.168.1.20:3000/board/?show=demo&mode=audience');
    expect(links.shortAudience).toBe('192.168.1.20:3000/a/demo');
    expect(links.shortBoard).toBe('192.168.1.20:3000/s/demo');
    // the MC's own address differs from PUBLIC_URL: worth a look, the QR codes still carry PUBLIC_URL
    expect(links.warning).toBe('not-public-url');
    expect(
      joinLinksFor('demo', { publicUrl: 'http://192.168.1.20:3000', pageHost: '192.168.1.20:3000' }).warning,
    ).toBeNull();
  });

  it('replaces a loopback page address by the LAN address, keeping the port', () => {
    for (const pageHost of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']) {
      const links = joinLinksFor('ct-1', { pageHost, lanAddress: '10.0.0.5' });
      expect(links.base, pageHost).toBe('http://10.0.0.5:3000');
      expect(links.source).toBe('lan');
      expect(links.warning).toBeNull();
    }
  });

  it('warns when the QR codes would carry a loopback address', () => {
    expect(joinLinksFor('x', { pageHost: '127.0.0.1:3000' })).toMatchObject({
      base: 'http://127.0.0.1:3000',
      source: 'page',
      warning: 'loopback',
    });
    expect(joinLinksFor('x', { publicUrl: 'http://localhost:3000', pageHost: '10.0.0.5:3000' }).warning).toBe(
      'loopback',
    );
    expect(joinLinksFor('x', { pageHost: 'hall.local:8080' })).toMatchObject({
      base: 'http://hall.local:8080',
      warning: null,
    });
  });

  it('encodes the show id', () => {
    expect(joinLinksFor('a b', { pageHost: 'h:1' }).shortBoard).toBe('h:1/s/a%20b');
  });
});
