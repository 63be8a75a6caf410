"""Signals of the headless layer, for code that acts on what the change log records."""

from django.dispatch import Signal

# Sent by `headless.change_log` with every batch of entries it writes, inside the writer's
# transaction: `changes` (saved ContentChange rows) and `page_locales` ({page id: locale id}
# for the pages among them, known while the pages still exist). Receivers that act outside
# the request defer their work with `transaction.on_commit` (`headless.webhooks` does).
changes_logged = Signal()
