/** Which hosts count as the user's own machine or network (no request from article content goes there). */
import { describe, expect, it } from 'vitest';
import { isPrivateHost, pointsToPrivateNetwork } from '../../../shared/private-address';

describe('private addresses', () => {
  it('loopback, private, link-local, CGNAT, multicast and LAN names are private', () => {
    for (const host of [
      '127.0.0.1',
      '10.0.0.8',
      '172.16.4.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '[::1]',
      '[fe80::1]',
      '[fd12:3456::1]',
      '[::ffff:c0a8:101]',
      'localhost',
      'a.localhost',
      'printer.local',
      'nas.lan',
      'router',
      'intranet',
      'wiki.corp',
      'x.home.arpa',
      'LOCALHOST.',
    ]) {
      expect(isPrivateHost(host), host).toBe(true);
    }
  });

  it('public hosts and addresses are not', () => {
    for (const host of [
      'img.etnews.com',
      'www.zdnet.co.kr',
      '8.8.8.8',
      '172.32.0.1',
      '192.169.0.1',
      '100.128.0.1',
      '[2001:4860:4860::8888]',
      'local.example.com',
    ]) {
      expect(isPrivateHost(host), host).toBe(false);
    }
  });

  it('reads URLs as the browser does (decimal and hex IPv4 forms are normalized first)', () => {
    expect(pointsToPrivateNetwork('http://2130706433/pixel.gif')).toBe(true); // 127.0.0.1
    expect(pointsToPrivateNetwork('http://0xc0.0xa8.0.1/')).toBe(true); // 192.168.0.1
    expect(pointsToPrivateNetwork('https://img.etnews.com/a.jpg')).toBe(false);
    expect(pointsToPrivateNetwork('not a url')).toBe(true);
    expect(pointsToPrivateNetwork('wss://10.0.0.2/socket')).toBe(true);
    expect(pointsToPrivateNetwork('data:image/png;base64,AAAA')).toBe(false);
  });
});
