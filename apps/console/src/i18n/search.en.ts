/** English words of the search results. */
export const searchEn = {
  search: {
    heading: 'Search: “{{q}}”',
    resultsLabel: 'Search results',
    found_one: '{{count}} ticket',
    found_other: '{{count}} tickets',
    foundMore: '{{count}}+ tickets',
    empty:
      'No ticket you can open matches. The search looks through messages, notes, quoted mail, attachment names, subjects, tags and contacts.',
    loadMore: 'More results',
    someone: 'someone',
    inCustomerMessage: 'Customer message · {{time}}',
    inReply: 'Reply by {{author}} · {{time}}',
    inNote: 'Note by {{author}} · {{time}}',
    matchedIn: {
      message: 'Message',
      subject: 'Subject or tags',
      contact: 'Contact',
      number: 'Ticket number',
    },
    moreMatches_one: 'and {{count}} more matching message',
    moreMatches_other: 'and {{count}} more matching messages',
  },
  searchLanguage: {
    heading: 'Search language',
    label: 'Language of your tickets',
    hint: 'Search finds other forms of a word in this language (refund, refunds) and ignores accents (Muller finds Müller). A change re-indexes older tickets in the background.',
    reindexing: 'Re-indexing older tickets in {{language}}…',
    saved: 'Search now reads tickets as {{language}}.',
  },
};
