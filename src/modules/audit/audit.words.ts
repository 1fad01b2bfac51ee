// Every recorded action and record kind in words, in the reader's language: pages show these
// labels, never the codes the log stores (`auth.signin`). A code without a label reads as
// "another recorded action" rather than leaking the code; audit.words.test.ts keeps that rare.
import { isMessageKey, type Translate } from '../../app/i18n.ts';
import { id } from './audit.messages.ts';

const PREFIX = 'audit.do.';
/** Every action code with a label. */
export const LABELLED_ACTIONS: readonly string[] = Object.keys(id)
  .filter((k) => k.startsWith(PREFIX) && k !== `${PREFIX}other`)
  .map((k) => k.slice(PREFIX.length));

/** The label of an action code, e.g. 'auth.signin' -> "Masuk ke Simandiri". */
export function actionLabel(t: Translate, action: string): string {
  const key = `audit.do.${action}`;
  return isMessageKey(key) ? t(key) : t('audit.do.other');
}

/** The label of a record kind, e.g. 'inmate' -> "Warga binaan". */
export function entityLabel(t: Translate, entity: string): string {
  const key = `audit.what.${entity}`;
  return isMessageKey(key) ? t(key) : t('audit.what.other');
}

/** Whether an action code has its own label (for the test and the filter's list). */
export function hasActionLabel(action: string): boolean {
  return isMessageKey(`audit.do.${action}`);
}

/** The labelled action codes in words, sorted by label: the audit filter's choices. */
export function actionChoices(t: Translate): Array<{ code: string; label: string }> {
  return LABELLED_ACTIONS.map((code) => ({ code, label: actionLabel(t, code) })).sort((a, b) =>
    a.label.localeCompare(b.label),
  );
}
