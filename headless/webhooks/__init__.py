"""Webhooks for apps: an optional app of the headless layer (`"headless.webhooks"` in
INSTALLED_APPS, beside `"headless"`).

Editors with the permission register endpoints in the admin (Settings → Webhooks): a URL, the
events, the kinds of object and the locales, and a secret. Every batch the change log records
(`headless.signals.changes_logged`) is handed, after commit, to one `tasks.fan_out` task on
`HEADLESS["WEBHOOKS_TASK_BACKEND"]`; the worker makes one `Delivery` per interested endpoint,
with the change feed's entry for the object (`headless.changes.feed_entries`) as its `data`,
and `tasks.deliver` POSTs each, signed as the Standard Webhooks specification says
(`sending`), to an address `addresses` allows, retried with exponential backoff for a day.
"""
