/** English words of the spam view, the blocklist and the flood limit. */
export const spamEn = {
  spam: {
    nav: 'Spam',
    title: 'Spam',
    intro:
      'Messages from blocked senders and tickets marked as spam. They are kept here, out of every queue: no acknowledgement, no survey, no SLA clock.',
    search: 'Search subject, sender or text',
    searchButton: 'Search',
    tableLabel: 'Spam tickets',
    ticket: 'Ticket',
    from: 'From',
    preview: 'Latest message',
    why: 'Why',
    when: 'Since',
    actions: 'Actions',
    none: 'No spam here.',
    more: 'Show more',
    unknownSender: 'Unknown sender',
    mark: 'Mark as spam',
    markTitle: 'Mark this ticket as spam?',
    markMessage:
      "The sender is blocked: the ticket leaves the queues, and their next messages go straight to the spam view. Use 'Not spam' to undo.",
    notSpam: 'Not spam',
    reason: {
      marked: 'Marked as spam',
      blocked_contact: 'Blocked contact',
      blocked_address: 'Blocked address',
      blocked_domain: 'Blocked domain',
    },
    events: {
      marked: '{{actor}} marked this ticket as spam',
      cleared: '{{actor}} took this ticket out of spam',
      clearedByUnblock: '{{actor}} unblocked the sender: the ticket is back in the queues',
      folded:
        'More than {{limit}} messages within {{seconds}} s from this contact: the rest of that time is folded here',
    },
  },
  blocklist: {
    tab: 'Blocklist',
    heading: 'Blocklist',
    intro:
      'Messages from blocked senders are kept in the spam view and never reach a queue. A domain also blocks its subdomains.',
    add: 'Block',
    kind: 'What',
    value: 'Value',
    kinds: { address: 'Address or number', domain: 'Domain', contact: 'Contact' },
    hints: {
      address: 'An email address, phone number, chat or API sender as it writes to you',
      domain: 'Such as example.com',
      contact: "The contact's id, from their page",
    },
    tableLabel: 'Blocked senders',
    by: 'Blocked by',
    when: 'Since',
    none: 'Nobody is blocked.',
    unblock: 'Unblock',
    unblockTitle: 'Unblock this sender?',
    unblockMessage:
      "{{value}}'s spam tickets go back into the queues, unless another entry still blocks them.",
    floodHeading: 'Flood limit',
    floodEnabled: 'Fold messages past the limit into one notice',
    floodMax: 'Messages per contact',
    floodWindow: 'Within seconds',
    floodSave: 'Save limit',
    floodSaved: 'Saved',
  },
};
