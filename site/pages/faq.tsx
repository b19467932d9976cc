import type { DeskSite } from '../model';
import { PAGES } from '../paths';
import { Layout, UnderReview } from './layout';

export function FaqPage({ site }: { site: DeskSite }) {
  return (
    <Layout site={site} path={PAGES.faq} title="Hỏi đáp">
      <h1>Hỏi đáp</h1>
      {site.faq.map((q) => (
        <section key={q.id} id={q.id} aria-labelledby={`${q.id}-hoi`}>
          <h2 id={`${q.id}-hoi`}>{q.question}</h2>
          <p>{q.answer}</p>
          <p className="source">
            Nguồn:{' '}
            {q.sources.map((s, i) => (
              <span key={s.citation}>
                {i > 0 && '; '}
                {s.citation}
                <UnderReview when={s.verify} />
              </span>
            ))}
          </p>
        </section>
      ))}
    </Layout>
  );
}
