// The page of a data-subject request: what is held about the person, section by section (counts),
// with the JSON and PDF downloads. The page shows no records itself; the downloads are the copy.
import { Layout } from '../../app/layout.tsx';
import { BackLink, DataTable, TitleRow } from '../../app/list.tsx';
import type { ViewCtx } from '../../app/view.ts';
import type { SectionKey } from './subject-access.service.ts';

export function SubjectPage(p: {
  ctx: ViewCtx;
  inmateId: string;
  name: string;
  nikMasked: string | null;
  counts: Array<{ key: SectionKey; n: number }>;
}) {
  const { ctx } = p;
  const base = `/privacy/subjects/${p.inmateId}`;
  const title = ctx.t('subject.title', { name: p.name });
  return (
    <Layout ctx={ctx} title={title}>
      <BackLink href={`/inmates/${p.inmateId}`} label={p.name} />
      <TitleRow title={title} testid="subject-title">
        <a class="button" href={`${base}.json`} data-testid="subject-json" download>
          {ctx.t('subject.json')}
        </a>
        <a class="button" href={`${base}.pdf`} data-testid="subject-pdf" download>
          {ctx.t('subject.pdf')}
        </a>
      </TitleRow>
      <p class="muted">{ctx.t('subject.intro')}</p>
      {p.nikMasked && (
        <p>
          NIK: <span data-testid="subject-nik">{p.nikMasked}</span>
        </p>
      )}
      <DataTable
        ctx={ctx}
        rows={p.counts}
        testid="subject-sections"
        heads={['subject.section', { num: 'subject.rows' }]}
        row={(c) => (
          <tr key={c.key} data-testid={`subject-section-${c.key}`}>
            <td>{ctx.t(`subject.section.${c.key}`)}</td>
            <td class="num">{c.n}</td>
          </tr>
        )}
      />
    </Layout>
  );
}
