"""Tests of the news and contacts plugins that also pass without the host site.

`pytest tests/plugins --ds=tests.plugins.settings` runs them under minimal settings: no `home`
app, no `wagtail.contrib.settings`, and the URLs in `tests/plugins/urls.py`.
"""
