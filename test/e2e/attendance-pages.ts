// Page object for the attendance page of a session.
import type { Locator, Page, Response } from 'playwright-core';
import type { MarkStatus } from '../../src/db/schema.ts';
import { AppPage, navigation } from './pages.ts';

const LABEL: Record<MarkStatus, string> = {
  hadir: 'Hadir',
  terlambat: 'Terlambat',
  izin: 'Izin',
  sakit: 'Sakit',
  alpa: 'Alpa',
  dispensasi: 'Dispensasi',
};

export class AttendancePage extends AppPage {
  static async open(page: Page, sessionId: string): Promise<{ page: AttendancePage; response: Response }> {
    const response = await navigation(page, () => page.goto(`/sessions/${sessionId}/attendance`));
    return { page: new AttendancePage(page), response };
  }
  row(enrolmentId: string): Locator {
    return this.page.locator(`li.att-row[data-enrolment="${enrolmentId}"]`);
  }
  /** Taps the big button of a status on a participant's row. */
  async mark(enrolmentId: string, status: MarkStatus): Promise<void> {
    await this.row(enrolmentId).locator('.seg-opts label', { hasText: LABEL[status] }).click();
  }
  radio(enrolmentId: string, status: MarkStatus): Locator {
    return this.row(enrolmentId).locator(`input[type="radio"][value="${status}"]`);
  }
  note(enrolmentId: string): Locator {
    return this.row(enrolmentId).locator(`input[name="note.${enrolmentId}"]`);
  }
  reason(enrolmentId: string): Locator {
    return this.row(enrolmentId).locator(`input[name="reason.${enrolmentId}"]`);
  }
  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }
  get history(): Locator {
    return this.page.getByTestId('attendance-history');
  }
  get counts(): Locator {
    return this.page.getByTestId('attendance-counts');
  }
  allPresent(): Promise<void> {
    return this.page.getByTestId('all-present').click();
  }
  save(): Promise<void> {
    return this.page.getByTestId('attendance-save').click();
  }
}
