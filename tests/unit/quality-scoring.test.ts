import { describe, expect, it } from 'vitest';
import type { QualityQuestion } from '@/db/schema/quality';
import { answerPoints, checkAnswers, scoreAnswers } from '@/lib/quality/scoring';

const questions: QualityQuestion[] = [
  { code: 'on_time', kind: 'yes_no', ru: 'Вовремя?', en: 'On time?', required: true },
  { code: 'overall', kind: 'score', ru: 'Оценка', en: 'Score', required: true },
  {
    code: 'again',
    kind: 'choice',
    ru: 'Закажете снова?',
    en: 'Order again?',
    required: false,
    options: [
      { code: 'yes', ru: 'Да', en: 'Yes', points: 100 },
      { code: 'maybe', ru: 'Может быть', en: 'Maybe', points: 50 },
      { code: 'no', ru: 'Нет', en: 'No', points: 0 },
    ],
  },
  { code: 'comment', kind: 'text', ru: 'Комментарий', en: 'Comment', required: false },
];

describe('quality form scoring', () => {
  it('scores each kind of answer out of 100', () => {
    expect(answerPoints(questions[0], true)).toBe(100);
    expect(answerPoints(questions[0], false)).toBe(0);
    expect([1, 2, 3, 4, 5].map((s) => answerPoints(questions[1], s))).toEqual([0, 25, 50, 75, 100]);
    expect(answerPoints(questions[2], 'maybe')).toBe(50);
    expect(answerPoints(questions[3], 'fine')).toBeNull();
  });

  it('averages the answered scorable questions', () => {
    // yes (100) + score 4 (75) + maybe (50) = 225 / 3 = 75 % = 7500 bp; the text answer is not scored.
    expect(scoreAnswers(questions, { on_time: true, overall: 4, again: 'maybe', comment: 'ok' })).toBe(7500);
    // yes (100) + score 2 (25) = 125 / 2 = 62.5 % = 6250 bp; the unanswered optional choice is left out.
    expect(scoreAnswers(questions, { on_time: true, overall: 2, again: null, comment: null })).toBe(6250);
    // no (0) + score 3 (50) + no (0) = 50 / 3 = 16.666 % → 1666.67 bp, rounded once to 1667.
    expect(scoreAnswers(questions, { on_time: false, overall: 3, again: 'no' })).toBe(1667);
  });

  it('gives no score when nothing scorable was answered', () => {
    expect(scoreAnswers([questions[3]], { comment: 'text only' })).toBeNull();
  });

  it('refuses missing required answers and answers of the wrong kind', () => {
    expect(checkAnswers(questions, { overall: 6, again: 'never' })).toEqual({
      ok: false,
      fields: {
        on_time: 'errors.required',
        overall: 'quality.errors.answerInvalid',
        again: 'quality.errors.answerInvalid',
      },
    });
    expect(checkAnswers(questions, { on_time: 'yes', overall: '5', comment: '  good  ', extra: 1 })).toEqual({
      ok: true,
      answers: { on_time: true, overall: 5, again: null, comment: 'good' },
    });
  });
});
