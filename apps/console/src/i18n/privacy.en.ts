/** English words of personal data: a contact's export and erasure, and the retention policy. */
export const privacyEn = {
  privacy: {
    tab: 'Personal data',
    export: 'Export data',
    exporting: 'Exporting…',
    exported: 'The export was saved as a zip file.',
    erase: 'Erase…',
    eraseTitle: 'Erase this contact',
    eraseWarning:
      'Their messages, files, original mails, addresses, notes and profile are removed for good. Their tickets stay as anonymous numbers in the reports. This cannot be undone.',
    typeToConfirm: 'Type “{{phrase}}” to confirm',
    confirmErase: 'Erase for good',
    erased:
      'Contact erased. Tickets kept anonymous: {{tickets}}; messages erased: {{messages}}; files removed: {{files}}.',
    retentionHeading: 'Data retention',
    retentionIntro:
      'What is no longer needed is deleted on its own, and each deletion is written to the audit log.',
    closedTicketsDays: 'Delete closed tickets after (days)',
    quarantineDays: 'Delete quarantined mail after (days)',
    keepForeverHint: 'Leave empty to keep forever.',
    saveRetention: 'Save retention',
    retentionSaved: 'Retention saved.',
  },
};
