// One line of a detail page's `<dl class="facts">`: a label and its value, left out when empty.
import type { ComponentChildren } from 'preact';
import type { MessageKey } from './i18n.ts';
import type { ViewCtx } from './view.ts';

/** Why: detail pages show optional facts only when they have a value (no empty "—" rows). */
export function Fact(p: { ctx: ViewCtx; label: MessageKey; value: ComponentChildren; testid?: string }) {
  if (p.value === null || p.value === undefined || p.value === '' || p.value === false) return null;
  return (
    <>
      <dt>{p.ctx.t(p.label)}</dt>
      <dd data-testid={p.testid}>{p.value}</dd>
    </>
  );
}
