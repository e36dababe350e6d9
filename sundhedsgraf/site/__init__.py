"""The static explorer site (`sundhedsgraf site`): :mod:`.build` asks the questions and writes the
pages, :mod:`.periods` finds the dates each answer can change on, :mod:`.documents` marks the cited
passages of the source documents, :mod:`.search` prepares the search box's names, :mod:`.i18n` holds
the Danish and English words, :mod:`.serve` previews a built site; the organisation charts are
:mod:`.orgchart`'s."""
