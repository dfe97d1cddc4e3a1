// The words of the scale data set: support mail and chat in English and German, from which
// scale-dataset.mjs builds a pool of message bodies. A seeded generator, so every load is the same.

export const FIRST_NAMES = (
  'Anna Ben Clara David Emma Felix Greta Hannah Jonas Julia Karl Lena Lukas Marie Max Mia Noah Paul ' +
  'Sophie Tim Olivia Liam James Emily Oliver Charlotte George Amelia Harry Isla Jack Grace Jürgen ' +
  'Sören Björn Käthe Jörg Ümit Zoë Renée José'
).split(' ');

export const LAST_NAMES = (
  'Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer ' +
  'Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Smith Jones Taylor Brown Williams Wilson ' +
  'Johnson Davies Robinson Wright Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke'
).split(' ');

export const DOMAINS =
  'gmail.com web.de gmx.de outlook.com yahoo.com t-online.de icloud.com example.org'.split(' ');

export const TAGS = (
  'vip billing refund shipping bug feature-request complaint warranty b2b newsletter ' +
  'returns invoice login mobile-app outage priority-support partner escalated gdpr onboarding'
).split(' ');

const EN = [
  'Hello, I ordered a pair of headphones last week and the parcel still has not arrived.',
  'The tracking number you sent me shows no movement since Tuesday.',
  'I was charged twice for my subscription this month, please refund the second payment.',
  'Could you please change the delivery address on my order to my office?',
  'My password reset email never arrives, I checked the spam folder as well.',
  'The printer shows error E-203 after the latest firmware update.',
  'I would like to cancel my subscription at the end of the billing period.',
  'The screen of my tablet cracked after two weeks, is this covered by the warranty?',
  'Thank you for the quick reply, that solved the problem.',
  'Unfortunately the replacement item is damaged as well.',
  'Please send me a return label so I can send the package back.',
  'Our invoice shows the wrong VAT number, can you issue a corrected invoice?',
  'I cannot log in to the mobile app since yesterday evening.',
  'The battery drains within three hours even when the device is idle.',
  'We are a business customer and need an offer for fifty licences.',
  'When will the item be back in stock?',
  'The technician did not show up for the appointment this morning.',
  'I have attached a photo of the damaged box and the receipt.',
  'Can you confirm that the refund has been processed?',
  'The discount code from your newsletter is not accepted at checkout.',
  'Is it possible to upgrade my plan without losing my data?',
  'I am still waiting for an answer to my previous email.',
  'This is really urgent, our team cannot work without access.',
  'The app crashes every time I open the settings page.',
  'Please delete my account and all personal data you store about me.',
  'We have been a customer for six years and this has never happened before.',
  'Kind regards and have a nice weekend.',
  'Thanks for your patience while we look into this.',
  'I have escalated your case to our second level support team.',
  'Your refund of 49.90 EUR has been issued and should arrive within five business days.',
  'Could you please send us the serial number of the device?',
  'We have shipped a replacement, the new tracking number is in your account.',
  'I am sorry for the inconvenience this has caused.',
  'Please try clearing the cache and logging in again.',
  'Our records show the payment was received on the third of the month.',
];

const DE = [
  'Guten Tag, ich habe letzte Woche eine Bestellung aufgegeben und das Paket ist immer noch nicht da.',
  'Die Sendungsverfolgung zeigt seit Dienstag keine Bewegung mehr.',
  'Mir wurde das Abonnement diesen Monat doppelt berechnet, bitte erstatten Sie die zweite Zahlung.',
  'Können Sie bitte die Lieferadresse meiner Bestellung ändern?',
  'Die E-Mail zum Zurücksetzen des Passworts kommt nicht an, auch nicht im Spam-Ordner.',
  'Der Drucker zeigt nach dem letzten Update den Fehler E-203 an.',
  'Ich möchte mein Abonnement zum Ende der Laufzeit kündigen.',
  'Der Bildschirm ist nach zwei Wochen gesprungen, fällt das unter die Garantie?',
  'Vielen Dank für die schnelle Antwort, das Problem ist gelöst.',
  'Leider ist auch der Ersatzartikel beschädigt angekommen.',
  'Bitte schicken Sie mir ein Rücksendeetikett für die Rücksendung.',
  'Auf unserer Rechnung steht die falsche Umsatzsteuer-ID, bitte schicken Sie eine korrigierte Rechnung.',
  'Seit gestern Abend kann ich mich nicht mehr in der App anmelden.',
  'Der Akku ist nach drei Stunden leer, obwohl das Gerät nicht benutzt wird.',
  'Wir sind Geschäftskunde und brauchen ein Angebot über fünfzig Lizenzen.',
  'Wann ist der Artikel wieder lieferbar?',
  'Der Techniker ist heute Morgen nicht zum vereinbarten Termin erschienen.',
  'Im Anhang finden Sie ein Foto des beschädigten Kartons und den Kassenbon.',
  'Können Sie bestätigen, dass die Rückerstattung bearbeitet wurde?',
  'Der Gutscheincode aus Ihrem Newsletter wird an der Kasse nicht akzeptiert.',
  'Ist ein Wechsel in einen größeren Tarif möglich, ohne dass Daten verloren gehen?',
  'Ich warte immer noch auf eine Antwort auf meine letzte E-Mail.',
  'Das ist wirklich dringend, unser Team kann ohne Zugang nicht arbeiten.',
  'Die App stürzt jedes Mal ab, wenn ich die Einstellungen öffne.',
  'Bitte löschen Sie mein Konto und alle gespeicherten personenbezogenen Daten.',
  'Wir sind seit sechs Jahren Kunde und so etwas ist noch nie passiert.',
  'Mit freundlichen Grüßen und ein schönes Wochenende.',
  'Vielen Dank für Ihre Geduld, wir kümmern uns darum.',
  'Ich habe Ihren Fall an unseren Second-Level-Support weitergeleitet.',
  'Ihre Rückerstattung über 49,90 EUR wurde veranlasst und ist in fünf Werktagen auf Ihrem Konto.',
  'Könnten Sie uns bitte die Seriennummer des Geräts schicken?',
  'Wir haben Ersatz verschickt, die neue Sendungsnummer finden Sie in Ihrem Kundenkonto.',
  'Entschuldigen Sie bitte die Unannehmlichkeiten.',
  'Bitte leeren Sie den Cache und melden Sie sich erneut an.',
  'Laut unseren Unterlagen ist die Zahlung am Dritten des Monats eingegangen.',
];

export const SUBJECTS = [
  'Where is my order?',
  'Charged twice',
  'Password reset not working',
  'Printer error E-203',
  'Cancel subscription',
  'Warranty claim: cracked screen',
  'Return label needed',
  'Wrong VAT number on invoice',
  'Cannot log in to the app',
  'Battery drains quickly',
  'Offer for 50 licences',
  'Technician did not come',
  'Refund status',
  'Discount code rejected',
  'Wo bleibt meine Bestellung?',
  'Doppelte Abbuchung',
  'Passwort zurücksetzen funktioniert nicht',
  'Kündigung Abonnement',
  'Garantiefall: Bildschirm gesprungen',
  'Rücksendeetikett benötigt',
  'Falsche Umsatzsteuer-ID auf Rechnung',
  'Anmeldung in der App nicht möglich',
  'Akku schnell leer',
  'Rückerstattung noch nicht erhalten',
];

/** A small seeded PRNG (mulberry32): the same data set on every run. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` message bodies: two thirds English, one third German; `long` ones are emails of 3–9
 * sentences with a greeting, the others chat and SMS lines of 1–2 sentences.
 */
export function bodies(count, long, seed) {
  const random = seeded(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const out = [];
  for (let i = 0; i < count; i++) {
    const language = random() < 0.67 ? EN : DE;
    const n = long ? 3 + Math.floor(random() * 7) : 1 + Math.floor(random() * 2);
    const sentences = Array.from({ length: n }, () => pick(language));
    if (long) {
      const name = pick(FIRST_NAMES);
      sentences.unshift(language === EN ? `Hi ${name},` : `Hallo ${name},`);
      sentences.push(`Order ${100000 + Math.floor(random() * 900000)}.`);
    }
    out.push(sentences.join(long && random() < 0.5 ? '\n\n' : ' '));
  }
  return out;
}
