import type { ReviewCategory } from '@switchboard/contracts';
import { api, toQuery } from '../../../lib/api-client';
import { saveApiFile } from '../../../lib/download';

export const LESSON_RANGES = [30, 90, 365] as const;
export type LessonRange = (typeof LESSON_RANGES)[number];

export interface LessonFilters {
  days: LessonRange;
  bucket: 'week' | 'month';
  teamId?: string;
}

/** `GET /api/reports/lessons`: completed reviews counted per period, team and category. */
export interface LessonsReport {
  range: { from: string; to: string };
  bucket: 'week' | 'month';
  rows: Array<{
    period: string;
    teamId: string | null;
    teamName: string | null;
    category: ReviewCategory;
    count: number;
    tickets: Array<{ id: string; number: number; url: string }>;
  }>;
}

// Under the review keys, so completing a review (which invalidates them) recounts the report.
export const lessonsKeys = {
  report: (f: LessonFilters) => ['reviews', 'lessons', f] as const,
};

const DAY = 86_400_000;
const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// Computed at fetch time, so a refetch includes a review completed a moment ago.
const params = (f: LessonFilters) => {
  const now = Date.now();
  return {
    from: new Date(now - f.days * DAY).toISOString(),
    to: new Date(now + 60_000).toISOString(),
    teamId: f.teamId,
  };
};

export const fetchLessons = (f: LessonFilters) =>
  api.get<LessonsReport>(
    `/api/reports/lessons${toQuery({ ...params(f), bucket: f.bucket, timeZone: timeZone() })}`,
  );

export const downloadLessonsCsv = (f: LessonFilters) =>
  saveApiFile(
    `/api/reports/lessons${toQuery({ ...params(f), bucket: f.bucket, timeZone: timeZone(), format: 'csv' })}`,
    'lessons.csv',
  );

/** The training collection: reviewed cases with the customers' personal data masked, one JSON object a line. */
export const downloadTrainingCases = (f: LessonFilters) =>
  saveApiFile(
    `/api/reviews/training-export${toQuery({ ...params(f), format: 'jsonl' })}`,
    'training-cases.jsonl',
  );
