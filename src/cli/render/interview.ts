/**
 * The interview report: each question with its key points, the topics to study next, where the
 * Markdown copy was saved.
 */
import type { InterviewReport } from '../../app/interview.js';
import { wrap } from './layout.js';
import type { Theme } from './theme.js';

export function renderInterviewReport(r: InterviewReport, t: Theme, columns: number): string {
  const w = Math.max(20, Math.min(columns, 100) - 6);
  const lines = ['', `${t.c.bold('Interview report')} · ${Math.round(r.coverage * 100)}% of key points covered`];
  for (const q of r.questions) {
    lines.push('', `${t.c.bold(`${q.n}.`)} ${wrap(q.question, w).join('\n   ')}  ${t.c.dim(`${q.covered}/${q.total} · ${q.rating}`)}`);
    for (const k of q.keypoints) {
      const why = k.matched?.length ? ` — matched: ${k.matched.join(', ')}` : '';
      const [first = '', ...rest] = wrap(`${k.text}${why}`, w - 2);
      lines.push(`   ${k.covered ? t.c.green('✓') : t.c.red('✗')} ${first}`, ...rest.map((l) => `     ${l}`));
    }
  }
  if (r.study_next.length > 0) lines.push('', t.c.bold('Study next'), ...r.study_next.map((s) => `   ${s.tag} (${s.covered}/${s.total} key points)`));
  if (r.report_file) lines.push('', t.c.dim(`Saved to ${r.report_file}`));
  return lines.join('\n');
}
