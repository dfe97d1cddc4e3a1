import { SURVEY_SCALES, type SurveyKind } from '@switchboard/contracts';

/** "2/5" for CSAT, "CES 3/7", "NPS 9/10": the score out of its own scale. */
export function scoreText(kind: SurveyKind, score: number): string {
  const { max } = SURVEY_SCALES[kind] ?? SURVEY_SCALES.csat;
  return kind === 'csat' ? `${score}/${max}` : `${kind.toUpperCase()} ${score}/${max}`;
}

/** A low CSAT, a hard CES or an NPS detractor reads as bad news. */
export function isUnhappy(kind: SurveyKind, score: number): boolean {
  return kind === 'csat' ? score <= 2 : kind === 'ces' ? score >= 5 : score <= 6;
}
