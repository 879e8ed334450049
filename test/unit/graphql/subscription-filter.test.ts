import {
  matchesFlagged,
  matchesTransactionFilter,
  validateLiveFilter,
  type LiveFilter,
} from '../../../src/resolvers/subscription-filter';
import { enriched } from './fake-read-model';

const TX = enriched('t1', {
  user_id: 'u1',
  merchant_id: 'm1',
  risk_score: 40,
  transaction_type: 'purchase',
  currency: 'EUR',
});

describe('matchesTransactionFilter', () => {
  test.each<[string, LiveFilter | null | undefined, boolean]>([
    ['no filter', undefined, true],
    ['null filter', null, true],
    ['empty filter', {}, true],
    [
      'all fields null',
      { userId: null, merchantId: null, minRiskScore: null, types: null, currencies: null },
      true,
    ],
    ['same user', { userId: 'u1' }, true],
    ['other user', { userId: 'u2' }, false],
    ['same merchant', { merchantId: 'm1' }, true],
    ['other merchant', { merchantId: 'm2' }, false],
    ['risk at the minimum', { minRiskScore: 40 }, true],
    ['risk below the minimum', { minRiskScore: 41 }, false],
    ['minimum 0', { minRiskScore: 0 }, true],
    ['type listed', { types: ['refund', 'purchase'] }, true],
    ['type listed in upper case', { types: ['PURCHASE'] }, true],
    ['type not listed', { types: ['refund'] }, false],
    ['empty type list', { types: [] }, true],
    ['currency listed', { currencies: ['USD', 'EUR'] }, true],
    ['currency listed in lower case', { currencies: ['eur'] }, true],
    ['currency not listed', { currencies: ['USD'] }, false],
    ['empty currency list', { currencies: [] }, true],
    [
      'every criterion matches',
      { userId: 'u1', merchantId: 'm1', minRiskScore: 10, types: ['purchase'], currencies: ['EUR'] },
      true,
    ],
    [
      'one criterion of many fails',
      { userId: 'u1', merchantId: 'm1', minRiskScore: 10, types: ['purchase'], currencies: ['GBP'] },
      false,
    ],
  ])('%s → %p', (_name, filter, expected) => {
    expect(matchesTransactionFilter(TX, filter)).toBe(expected);
  });
});

describe('matchesFlagged', () => {
  test.each<[string, { flagged: boolean; risk_score: number }, number | null | undefined, boolean]>([
    ['not flagged', { flagged: false, risk_score: 95 }, undefined, false],
    ['flagged, no minimum', { flagged: true, risk_score: 30 }, undefined, true],
    ['flagged, null minimum', { flagged: true, risk_score: 30 }, null, true],
    ['flagged, at the minimum', { flagged: true, risk_score: 80 }, 80, true],
    ['flagged, below the minimum', { flagged: true, risk_score: 79 }, 80, false],
    ['not flagged, above the minimum', { flagged: false, risk_score: 99 }, 10, false],
  ])('%s → %p', (_name, overrides, minRiskScore, expected) => {
    expect(matchesFlagged(enriched('t', overrides), minRiskScore)).toBe(expected);
  });
});

describe('validateLiveFilter', () => {
  test.each<[LiveFilter, string]>([
    [{ minRiskScore: -1 }, 'filter.minRiskScore'],
    [{ minRiskScore: 101 }, 'filter.minRiskScore'],
    [{ types: ['purchase', 'gift'] }, 'filter.types'],
    [{ currencies: ['EURO'] }, 'filter.currencies'],
  ])('%o is rejected naming %s', (filter, field) => {
    expect(() => validateLiveFilter(filter)).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field } }),
    );
  });

  test('good filters pass', () => {
    expect(() =>
      validateLiveFilter({ minRiskScore: 0, types: ['Refund'], currencies: ['usd'] }),
    ).not.toThrow();
    expect(() => validateLiveFilter(null)).not.toThrow();
  });
});
