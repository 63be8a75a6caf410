"""Site and API search (`headless.search`): one engine for the reader's search page and the
API's `search=`, on a table of its own that holds what readers can see of each live page.

On PostgreSQL the table carries a stored, weighted tsvector (title A, summary B, body C) with
a GIN index; on SQLite an FTS5 table with the porter tokenizer follows it by triggers. Chinese,
Japanese and Korean runs are split into words by rjieba before either database sees them. See
`engine` for how a query is answered and `text` for what is indexed."""
