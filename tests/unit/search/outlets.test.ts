import { describe, expect, it } from 'vitest';
import { KNOWN_OUTLET_COUNT, articleHost, outletForUrl, outletNameForHost, outletSitesNamed } from '../../../main/search/outlets';

describe('outlets by host', () => {
  it('knows at least 30 Korean outlets', () => {
    expect(KNOWN_OUTLET_COUNT).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['https://www.etnews.com/20261128000123', '전자신문'],
    ['https://zdnet.co.kr/view/?no=1', '지디넷코리아'],
    ['https://m.zdnet.co.kr/view/?no=1', '지디넷코리아'],
    ['https://www.bloter.net/news/articleView.html?idxno=1', '블로터'],
    ['https://www.ajunews.com/view/1', '아주경제'],
    ['https://www.yna.co.kr/view/AKR1', '연합뉴스'],
    ['https://www.inews24.com/view/1', '아이뉴스24'],
    ['https://www.thebell.co.kr/free/content/ArticleView.asp?key=1', '더벨'],
    ['https://www.ddaily.co.kr/page/view/1', '디지털데일리'],
    ['https://www.etoday.co.kr/news/view/1', '이투데이'],
    ['https://www.dt.co.kr/contents.html?article_no=1', '디지털타임스'],
    ['https://www.hankyung.com/article/1', '한국경제'],
    ['https://www.mk.co.kr/news/it/1', '매일경제'],
    ['https://biz.chosun.com/it-science/1/', '조선비즈'],
    ['https://it.chosun.com/news/1', 'IT조선'],
    ['https://www.chosun.com/national/1/', '조선일보'],
    ['https://news.mt.co.kr/mtview.php?no=1', '머니투데이'],
    ['https://moneys.mt.co.kr/news/1', '머니S'],
    ['https://www.newsis.com/view/1', '뉴시스'],
    ['https://www.news1.kr/it-science/1', '뉴스1'],
    ['https://www.sedaily.com/NewsView/1', '서울경제'],
    ['https://biz.heraldcorp.com/view.php?ud=1', '헤럴드경제'],
    ['https://www.boannews.com/media/view.asp?idx=1', '보안뉴스'],
    ['https://www.techm.kr/news/articleView.html?idxno=1', '테크M'],
    ['https://WWW.ETNEWS.COM./1', '전자신문'],
  ])('%s → %s', (url, name) => {
    expect(outletForUrl(url).name).toBe(name);
  });

  it('falls back to the host without www.; no URL, no outlet', () => {
    expect(outletForUrl('https://www.gnmaeil.example.kr/news/1')).toEqual({ name: 'gnmaeil.example.kr', host: 'gnmaeil.example.kr' });
    expect(outletForUrl(null)).toEqual({ name: '', host: null });
    expect(outletForUrl('not a url')).toEqual({ name: '', host: null });
    expect(articleHost('https://www.etnews.com/1')).toBe('etnews.com');
  });

  it('does not take a look-alike host for an outlet', () => {
    expect(outletNameForHost('notetnews.com')).toBeNull();
    expect(outletNameForHost('etnews.com.evil.example')).toBeNull();
  });

  it('lists the sites of the outlets whose name contains a text (for source:)', () => {
    expect(outletSitesNamed('연합뉴스')).toEqual(['yna.co.kr']);
    expect(outletSitesNamed('ZDNet')).toEqual([]);
    expect(outletSitesNamed('지디넷 코리아')).toEqual(['zdnet.co.kr']);
    expect(outletSitesNamed('')).toEqual([]);
  });
});
