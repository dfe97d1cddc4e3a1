// bench/help-center: the public help center with N articles in 3 locales (en, de, fr): page
// render p95 (target < 20 ms), search p95 (target < 30 ms), and article page requests per
// second at concurrency 32, through HTTP against the built app.
// Articles are written straight into the tables (one article, three translations), rendered by
// the app's own Markdown renderer, so generating 10,000 takes seconds rather than 30,000 POSTs.
// Usage: npx nx run api:build && node bench/help-center/run.mjs [articles] [seconds of load]
import pg from 'pg';
import { createDatabase, fmt, percentile, runConcurrent, startApi } from '../lib/harness.mjs';
import { articleText, renderArticle, slugify } from '../../apps/api/dist/kb/kb-markdown.js';

const ARTICLES = Number(process.argv[2] ?? 10_000);
const LOAD_REQUESTS = Number(process.argv[3] ?? 4_000);
const LOCALES = { en: 'kb_english', de: 'kb_german', fr: 'kb_french' };
const WORDS = {
  en: 'account invoice parcel delivery refund password login order payment address shipping return label subscription plan upgrade cancel printer router battery warranty screen update install email notification'.split(
    ' ',
  ),
  de: 'Konto Rechnung Paket Lieferung Erstattung Passwort Anmeldung Bestellung Zahlung Adresse Versand Rücksendung Etikett Abonnement Tarif Kündigung Drucker Router Akku Garantie Bildschirm Aktualisierung Installation Benachrichtigung'.split(
    ' ',
  ),
  fr: 'compte facture colis livraison remboursement motdepasse connexion commande paiement adresse expédition retour étiquette abonnement forfait résiliation imprimante routeur batterie garantie écran miseàjour installation notification'.split(
    ' ',
  ),
};
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (list) => list[Math.floor(rand() * list.length)];
// A vocabulary of 4,000 made-up words per locale besides the real ones above, drawn with a
// skew like real text (a few words common, most rare), so a search word matches a realistic
// share of articles instead of all of them.
const SYLLABLES = 'ka lo mi ne ta ri so va pe du ga li mo be ru fe zi no ha te'.split(' ');
const VOCAB = Object.fromEntries(
  Object.keys(WORDS).map((l) => [
    l,
    [
      ...Array.from(
        { length: 4000 },
        () => pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES),
      ),
      ...WORDS[l],
    ],
  ]),
);
const word = (locale) => VOCAB[locale][Math.floor(VOCAB[locale].length * rand() ** 3)];
const sentence = (locale, n) => Array.from({ length: n }, () => word(locale)).join(' ');

const db = await createDatabase();
const api = await startApi(db.url);
const client = new pg.Client({ connectionString: db.url });
await client.connect();

try {
  const t0 = performance.now();
  const batch = 500;
  for (let start = 0; start < ARTICLES; start += batch) {
    const n = Math.min(batch, ARTICLES - start);
    const { rows } = await client.query(
      `INSERT INTO kb_articles (created_at) SELECT now() FROM generate_series(1, $1) RETURNING id`,
      [n],
    );
    const cols = { article: [], locale: [], title: [], slug: [], body: [], html: [], text: [], config: [] };
    rows.forEach(({ id }, i) => {
      for (const [locale, config] of Object.entries(LOCALES)) {
        const title = `${sentence(locale, 4)} ${start + i}`;
        const body = `## ${sentence(locale, 3)}\n\n${sentence(locale, 40)}.\n\n- ${sentence(locale, 8)}\n- ${sentence(locale, 8)}\n\n**${sentence(locale, 5)}** ${sentence(locale, 60)}.`;
        const html = renderArticle(body);
        cols.article.push(id);
        cols.locale.push(locale);
        cols.title.push(title);
        cols.slug.push(`${slugify(title)}-${start + i}`);
        cols.body.push(body);
        cols.html.push(html);
        cols.text.push(articleText(html));
        cols.config.push(config);
      }
    });
    await client.query(
      `INSERT INTO kb_translations (article_id, locale, title, slug, body, body_html, body_text, status, search_config, published_at)
       SELECT a, l, ti, s, b, h, tx, 'published', c::regconfig, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           AS u(a, l, ti, s, b, h, tx, c)`,
      [cols.article, cols.locale, cols.title, cols.slug, cols.body, cols.html, cols.text, cols.config],
    );
  }
  await client.query('ANALYZE kb_translations');
  const generated = (performance.now() - t0) / 1000;
  const { rows: slugs } = await client.query(
    `SELECT locale, slug FROM kb_translations ORDER BY random() LIMIT 2000`,
  );
  const get = async (path) => {
    const res = await fetch(api.url + path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    await res.arrayBuffer();
  };
  // Warm-up: connections and plans.
  for (let i = 0; i < 50; i++) await get(`/help/${slugs[i].locale}/articles/${slugs[i].slug}`);

  const pages = [];
  const homes = [];
  for (let i = 0; i < 600; i++) {
    const s = slugs[i % slugs.length];
    const home = i % 6 === 0;
    const t = performance.now();
    await get(home ? `/help/${s.locale}` : `/help/${s.locale}/articles/${s.slug}`);
    (home ? homes : pages).push(performance.now() - t);
  }
  const searches = [];
  const locales = Object.keys(LOCALES);
  for (let i = 0; i < 500; i++) {
    const locale = locales[i % 3];
    // Queries use words as often as the text does: common words match many articles, rare ones few.
    const q = encodeURIComponent(i % 2 ? word(locale) : `${word(locale)} ${word(locale)}`);
    const path =
      i % 4 === 0 ? `/help/${locale}/search?q=${q}` : `/api/public/kb/search?q=${q}&locale=${locale}`;
    const t = performance.now();
    await get(path);
    searches.push(performance.now() - t);
  }
  const load = await runConcurrent(LOAD_REQUESTS, 32, (i) => {
    const s = slugs[i % slugs.length];
    return get(`/help/${s.locale}/articles/${s.slug}`);
  });

  console.log(
    `help center: ${ARTICLES} articles in 3 locales (${ARTICLES * 3} translations), generated in ${fmt(generated)} s`,
  );
  console.log(
    `  page render, article (sequential, ${pages.length}): median ${fmt(percentile(pages, 50))} ms, p95 ${fmt(percentile(pages, 95))} ms (target < 20 ms)`,
  );
  console.log(
    `  page render, home (sequential, ${homes.length}): median ${fmt(percentile(homes, 50))} ms, p95 ${fmt(percentile(homes, 95))} ms (target < 20 ms)`,
  );
  console.log(
    `  search (JSON and search page, sequential, 500): median ${fmt(percentile(searches, 50))} ms, p95 ${fmt(percentile(searches, 95))} ms (target < 30 ms)`,
  );
  console.log(
    `  article page at concurrency 32: ${fmt(LOAD_REQUESTS / load.seconds, 0)} requests/s (${LOAD_REQUESTS} requests), p95 ${fmt(percentile(load.latencies, 95))} ms`,
  );
  // The machine is shared: its load moves every figure above.
  const { loadavg } = await import('node:os');
  console.log(
    `  (load average during the run: ${loadavg()
      .map((n) => fmt(n))
      .join(' ')} on this machine)`,
  );
} finally {
  await client.end();
  await api.stop();
  await db.drop();
}
