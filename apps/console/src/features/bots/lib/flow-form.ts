import type { BotFlow, BotFlowStep, BotFlowStepType } from '@switchboard/contracts';

/**
 * One step as the editor holds it: every field a string, whatever the step's type, so switching
 * the type keeps what was typed. Button options and branch cases are lines of `a | b | c`.
 */
export interface StepForm {
  id: string;
  type: BotFlowStepType;
  text: string;
  next: string;
  /** buttons: `label | value | next` per line; value and next may be left out. */
  options: string;
  saveAs: string;
  storeOn: '' | 'ticket' | 'contact';
  storeField: string;
  pattern: string;
  retryText: string;
  noResultsText: string;
  /** branch: the collected answer to look at. */
  on: string;
  /** branch: `value | next` per line (the answer equals the value). */
  cases: string;
  otherwise: string;
  teamId: string;
}

export const emptyStep = (id: string, type: BotFlowStepType = 'send_text'): StepForm => ({
  id,
  type,
  text: '',
  next: '',
  options: '',
  saveAs: '',
  storeOn: '',
  storeField: '',
  pattern: '',
  retryText: '',
  noResultsText: '',
  on: '',
  cases: '',
  otherwise: '',
  teamId: '',
});

const SEPARATOR = ' | ';
const cells = (line: string) => line.split('|').map((c) => c.trim());
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** Only the fields the type has, and only those filled in: the API refuses unknown ones. */
const given = (value: string) => (value.trim() ? value.trim() : undefined);
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function stepFromForm(f: StepForm): BotFlowStep {
  const base = { id: f.id.trim() };
  switch (f.type) {
    case 'send_text':
      return compact({ ...base, type: 'send_text', text: f.text.trim(), next: given(f.next) });
    case 'buttons':
      return compact({
        ...base,
        type: 'buttons',
        text: f.text.trim(),
        options: lines(f.options).map((line) => {
          const [label, value, next] = cells(line);
          return compact({ label, value: given(value ?? ''), next: given(next ?? '') });
        }),
        saveAs: given(f.saveAs),
        next: given(f.next),
      });
    case 'ask':
      return compact({
        ...base,
        type: 'ask',
        text: f.text.trim(),
        saveAs: f.saveAs.trim(),
        store: f.storeOn && f.storeField.trim() ? { on: f.storeOn, field: f.storeField.trim() } : undefined,
        pattern: given(f.pattern),
        retryText: given(f.retryText),
        next: given(f.next),
      });
    case 'search_kb':
      return compact({
        ...base,
        type: 'search_kb',
        text: given(f.text),
        noResultsText: given(f.noResultsText),
        next: given(f.next),
      });
    case 'branch':
      return {
        ...base,
        type: 'branch',
        on: f.on.trim(),
        cases: lines(f.cases).map((line) => {
          const [equals, next] = cells(line);
          return { equals, next: next ?? '' };
        }),
        otherwise: f.otherwise.trim(),
      };
    case 'handoff':
      return compact({ ...base, type: 'handoff', teamId: given(f.teamId), text: given(f.text) });
  }
}

export function formFromStep(step: BotFlowStep): StepForm {
  const f = emptyStep(step.id, step.type);
  switch (step.type) {
    case 'send_text':
      return { ...f, text: step.text, next: step.next ?? '' };
    case 'buttons':
      return {
        ...f,
        text: step.text,
        options: step.options
          .map((o) => [o.label, o.value ?? '', o.next ?? ''].join(SEPARATOR).replace(/( \| )+$/, ''))
          .join('\n'),
        saveAs: step.saveAs ?? '',
        next: step.next ?? '',
      };
    case 'ask':
      return {
        ...f,
        text: step.text,
        saveAs: step.saveAs,
        storeOn: step.store?.on ?? '',
        storeField: step.store?.field ?? '',
        pattern: step.pattern ?? '',
        retryText: step.retryText ?? '',
        next: step.next ?? '',
      };
    case 'search_kb':
      return { ...f, text: step.text ?? '', noResultsText: step.noResultsText ?? '', next: step.next ?? '' };
    case 'branch':
      return {
        ...f,
        on: step.on,
        cases: step.cases.map((c) => [c.equals ?? c.contains ?? '', c.next].join(SEPARATOR)).join('\n'),
        otherwise: step.otherwise,
      };
    case 'handoff':
      return { ...f, teamId: step.teamId ?? '', text: step.text ?? '' };
  }
}

export function flowFromForm(start: string, steps: StepForm[]): BotFlow {
  return { start: start.trim(), steps: steps.map(stepFromForm) };
}
