import { describe, expect, it } from 'vitest';
import { sameStory, titleFeatures, titleFeaturesFromKey, titleKey, titleSimilarity } from '../../../main/alerts/story-similarity';

describe('titleKey (features computed in the worker, used in the store)', () => {
  const pairs: Array<[string, string]> = [
    ['카카오브레인 김일두 대표 퇴사…후임에 이호수 부사장', '[단독] 카카오브레인 김일두 대표 퇴사'],
    ['삼성전자 3분기 실적 발표', '삼성전자 4분기 실적 발표'],
    ['네이버 CEO 사임', '네이버 CEO 선임'],
  ];
  it('survives a structured clone and judges exactly like features computed in place', () => {
    for (const [a, b] of pairs) {
      const cloned = titleFeaturesFromKey(structuredClone(titleKey(a)));
      const direct = titleFeatures(a);
      expect(titleSimilarity(cloned, titleFeatures(b))).toBe(titleSimilarity(direct, titleFeatures(b)));
      expect(sameStory(cloned, titleFeatures(b))).toBe(sameStory(direct, titleFeatures(b)));
      expect(cloned.numbers).toEqual(direct.numbers);
      expect(cloned.subject).toBe(direct.subject);
    }
    expect(sameStory(titleFeaturesFromKey(titleKey(pairs[0]![0])), titleFeatures(pairs[0]![1]))).toBe(true);
  });
});
